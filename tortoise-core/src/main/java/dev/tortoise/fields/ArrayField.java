package dev.tortoise.fields;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A PostgreSQL array, as Tortoise's {@code contrib.postgres.fields.ArrayField}: the column is
 * {@code {elementType}[]} ({@code INT[]} by default), the Java field a {@code List} or an array
 * of the element's Java type. Element types: {@code int}, {@code bigint}, {@code smallint},
 * {@code text}, {@code varchar(n)}, {@code bool}, {@code double precision}, {@code real},
 * {@code uuid}, {@code numeric(p,s)}, {@code date}. PostgreSQL only: a model with one on
 * another database is refused at init.
 *
 * <pre>{@code
 * @ArrayField List<Integer> scores;                       // INT[]
 * @ArrayField(elementType = "text") String[] tags;        // TEXT[]
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
@TortoiseField(FieldType.ARRAY)
public @interface ArrayField {

	/** The elements' SQL type, as Tortoise's {@code element_type}. */
	String elementType() default "int";

	/** Whether the column accepts NULL (Tortoise's {@code null}). */
	boolean nullable() default false;

	/** Whether the column gets an index of its own. */
	boolean index() default false;

	/** Comment for the column, written into the schema. */
	String description() default "";

	/** Column name; empty means the field name in snake_case. */
	String source() default "";

}

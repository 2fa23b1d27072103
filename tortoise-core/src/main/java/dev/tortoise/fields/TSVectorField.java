package dev.tortoise.fields;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A PostgreSQL text-search vector, as Tortoise's {@code contrib.postgres.fields.TSVectorField}:
 * a {@code TSVECTOR} column held as its text ({@code 'cat':2 'fat':1}); a value written is
 * parsed by PostgreSQL ({@code 'a fat cat'} becomes {@code 'a' 'cat' 'fat'}). PostgreSQL only.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
@TortoiseField(FieldType.TSVECTOR)
public @interface TSVectorField {

	/** Whether the column accepts NULL (Tortoise's {@code null}). */
	boolean nullable() default false;

	/** Whether the column gets an index of its own. */
	boolean index() default false;

	/** Comment for the column, written into the schema. */
	String description() default "";

	/** Column name; empty means the field name in snake_case. */
	String source() default "";

}

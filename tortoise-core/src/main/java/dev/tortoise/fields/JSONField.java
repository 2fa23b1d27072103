package dev.tortoise.fields;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A JSON column (JSONB on PostgreSQL) for any JSON-serialisable value. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
@TortoiseField(FieldType.JSON)
public @interface JSONField {

	/** Whether this field is the primary key. */
	boolean pk() default false;

	/** For an integer primary key: whether the database generates it (auto-increment). */
	boolean generated() default true;

	/** Whether the column accepts NULL (Tortoise's {@code null}). */
	boolean nullable() default false;

	/** Whether the column has a UNIQUE constraint. */
	boolean unique() default false;

	/** Whether the column gets an index of its own. */
	boolean index() default false;

	/** Comment for the column, written into the schema. */
	String description() default "";

	/** Column name; empty means the field name in snake_case. */
	String source() default "";

	/** Default value, written as text and parsed to the field's Java type at init. */
	String defaultValue() default "";

	/**
	 * Tortoise's {@code encoder}/{@code decoder}: a {@link JsonCodec} that writes and reads the
	 * column's text instead of the built-in Jackson mapping. {@code JsonCodec.class} means none.
	 */
	@SuppressWarnings("rawtypes")
	Class<? extends JsonCodec> codec() default JsonCodec.class;

}

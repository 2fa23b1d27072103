package dev.tortoise.fields;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A time of day ({@code LocalTime} or {@code OffsetTime}). */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
@TortoiseField(FieldType.TIME)
public @interface TimeField {

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

	/** Set to the current time of day on every save (Tortoise's {@code auto_now}). */
	boolean autoNow() default false;

	/** Set to the current time of day when the row is created (Tortoise's {@code auto_now_add}). */
	boolean autoNowAdd() default false;

}

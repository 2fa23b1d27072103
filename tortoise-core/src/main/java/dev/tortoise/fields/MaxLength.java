package dev.tortoise.fields;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The most characters (code points, as Python's {@code len()}) the field accepts (Tortoise's {@code MaxLengthValidator}). A value that breaks it is refused with a {@code ValidationException} before any SQL.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface MaxLength {

	/** The bound. */
	int value();

}

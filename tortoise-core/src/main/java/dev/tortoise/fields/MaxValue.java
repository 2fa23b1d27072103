package dev.tortoise.fields;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The largest value the field accepts (Tortoise's {@code MaxValueValidator}), as a number: {@code "100"}. A value that breaks it is refused with a {@code ValidationException} before any SQL.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface MaxValue {

	/** The bound. */
	String value();

}

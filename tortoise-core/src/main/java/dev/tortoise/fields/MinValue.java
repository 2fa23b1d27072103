package dev.tortoise.fields;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The smallest value the field accepts (Tortoise's {@code MinValueValidator}), as a number: {@code "0"}, {@code "0.5"}. A value that breaks it is refused with a {@code ValidationException} before any SQL.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface MinValue {

	/** The bound. */
	String value();

}

package dev.tortoise.fields;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Custom checks of a field's value (Tortoise's {@code validators=[...]}), run in order
 * before any SQL, after the built-in ones ({@link MinValue}, {@link MaxValue},
 * {@link MinLength}, {@link MaxLength}, {@link Regex}). Each class needs a constructor
 * without arguments; one instance is made at init and shared.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Validators {

	/** The validators, in the order they run. */
	Class<? extends Validator<?>>[] value();

}

package dev.tortoise.fields;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A pattern the field's text must match from its start, as Python's {@code re.match} (Tortoise's {@code RegexValidator}). A value that breaks it is refused with a {@code ValidationException} before any SQL.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Regex {

	/** The pattern. */
	String value();

}

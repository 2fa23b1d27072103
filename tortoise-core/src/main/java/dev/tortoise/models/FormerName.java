package dev.tortoise.models;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The names a model's table or a field's column had before a rename, newest first, so that
 * {@code schemaDiff} renames the table or column where the database still has an old name,
 * keeping its rows, instead of dropping it and adding an empty one.
 *
 * <pre>{@code
 * @Model(table = "competition")
 * @FormerName("tournament")               // the table was "tournament"
 * public class Competition {
 *     @FormerName("title")                // the column was "title"
 *     @CharField(maxLength = 255) String name;
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.FIELD })
public @interface FormerName {

	/** The old table or column names, as the database has them. */
	String[] value();

}

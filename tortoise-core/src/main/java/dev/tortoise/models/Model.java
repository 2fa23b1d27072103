package dev.tortoise.models;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class as a model: a table whose columns are the class's non-static,
 * non-transient fields (including those of non-model superclasses).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Model {

	/** Table name; empty means the configured table-name generator, else the class name lower-cased. */
	String table() default "";

	/**
	 * The database schema of the model's table (Tortoise's {@code Meta.schema}): on PostgreSQL
	 * and H2 a schema of the database, on MySQL another database; empty means the connection's
	 * own. Tables, foreign keys, indexes and queries name it; it must exist (schema generation
	 * creates tables, never schemas).
	 */
	String schema() default "";

	/** Table comment, written into the schema. */
	String description() default "";

	/** The app this model belongs to; empty means any app whose modules list it. */
	String app() default "";

	/**
	 * The order of the model's queries that give none (Tortoise's {@code Meta.ordering}):
	 * field names, {@code -name} descending, as {@code orderBy} takes them. Counts ignore it.
	 */
	String[] ordering() default {};

}

package dev.tortoise.models;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An index over one or more fields, as Tortoise's {@code Meta.indexes} entries ({@code Index},
 * {@code PartialIndex}, PostgreSQL's {@code GinIndex} and its kin, MySQL's {@code FullTextIndex}).
 * Fields are named by Java field name, a relation's {@code {field}_id} name, or column name.
 *
 * <pre>{@code
 * @Index(value = "payload", type = IndexType.GIN)                                   // PostgreSQL
 * @Index(value = "email", name = "active_emails", condition = "active = true")     // partial
 * @Index(value = {"title", "body"}, type = IndexType.FULLTEXT, parser = "ngram")    // MySQL
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Repeatable(Indexes.class)
public @interface Index {

	/** The fields, in column order. */
	String[] value();

	/** The index's name (Tortoise's {@code name=}); empty means Tortoise's {@code idx_{table}_{column}_{hash}}. */
	String name() default "";

	/** The kind of index; a kind the database lacks stops schema generation. */
	IndexType type() default IndexType.DEFAULT;

	/**
	 * A partial index's condition (Tortoise's {@code PartialIndex(condition={...})}): entries
	 * {@code "field = value"}, all of which must hold, with {@code true}, {@code false}, a number
	 * or a {@code 'quoted'} text as the value. PostgreSQL and SQLite have partial indexes.
	 */
	String[] condition() default {};

	/** A full-text index's parser (MySQL's {@code WITH PARSER}, Tortoise's {@code parser_name}). */
	String parser() default "";

}

package dev.tortoise.fields;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A many-to-many relation on a {@link ManyToManyRelation} field, stored in a through
 * table with one column per side.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface ManyToManyField {

	/**
	 * The related model as {@code "app.Model"}; empty means the model class the field is
	 * declared with.
	 */
	String value() default "";

	/**
	 * Name of the backward relation on the related model; empty means
	 * {@code {table}s} of the declaring model, {@link RelatedName#NONE} means none.
	 */
	String relatedName() default "";

	/** What happens to this row when the related row is deleted. */
	OnDelete onDelete() default OnDelete.CASCADE;

	/** Whether the database gets a FOREIGN KEY constraint. */
	boolean dbConstraint() default true;

	/** Comment for the column (or through table), written into the schema. */
	String description() default "";

	/** Through table name; empty means {@code {table}_{related_table}}. */
	String through() default "";

	/** Column of the through table that points to the related model; empty means {@code {related model}_id}. */
	String forwardKey() default "";

	/** Column of the through table that points to this model; empty means {@code {table}_id}. */
	String backwardKey() default "";

	/** Whether the through table gets a unique index over both columns. */
	boolean createUniqueIndex() default true;
}

package dev.tortoise.fields;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A one-to-one relation on a field whose type is the related model: a foreign key
 * whose column is UNIQUE. The backward relation is a single instance.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface OneToOneField {

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

	/** Field of the related model this key points to; empty means its primary key. */
	String toField() default "";

	/** Column name; empty means {@code {field}_id}. */
	String source() default "";

	/** Whether the column accepts NULL. */
	boolean nullable() default false;

	/** Whether the column gets an index of its own. */
	boolean index() default false;

	/** Whether this relation is also the primary key of the declaring model. */
	boolean pk() default false;
}

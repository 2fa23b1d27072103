package dev.tortoise.fields;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an annotation as a data-field annotation of the given type. The model reader
 * recognises any annotation carrying it, so the field annotations in this package all
 * share the attributes {@code pk}, {@code generated}, {@code nullable}, {@code unique},
 * {@code index}, {@code description}, {@code source} and {@code defaultValue}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.ANNOTATION_TYPE)
public @interface TortoiseField {

	/** The field type the annotated annotation declares. */
	FieldType value();

}

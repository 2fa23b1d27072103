package dev.tortoise.models;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a {@code package-info.java}: the exact list of models of the package (Tortoise's
 * {@code __models__}), used instead of scanning it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PACKAGE)
public @interface Models {

	/** The model classes of the package. */
	Class<?>[] value();

}

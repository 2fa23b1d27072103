package dev.tortoise.models;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How a model reads and writes itself as JSON through the starter's Jackson module, as
 * Tortoise's {@code PydanticMeta} shapes {@code pydantic_model_creator}'s models. Without it
 * a model is written with every field that has a Java field, fetched relations nested, and
 * the key of each foreign key under its column name ({@code tournament_id}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface JsonModel {

	/**
	 * The only fields written and read (Tortoise's {@code include}); empty means all. A
	 * foreign key's column name ({@code tournament_id}) may be named here too.
	 */
	String[] include() default {};

	/** Fields never written nor read (Tortoise's {@code exclude}), e.g. a password hash. */
	String[] exclude() default {};

	/**
	 * Public no-argument methods whose results are written under the method's name
	 * (Tortoise's {@code computed}); they are ignored when reading.
	 */
	String[] computed() default {};

	/**
	 * Whether each foreign and one-to-one key is written under its column name
	 * ({@code "tournament_id": 1}) beside the relation (Tortoise's {@code exclude_raw_fields}
	 * reversed). When false, an unfetched relation is written as its bare key under the
	 * relation's name ({@code "tournament": 1}) and a fetched one as an object.
	 */
	boolean rawKeys() default true;

}

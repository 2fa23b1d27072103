package dev.tortoise.fields;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.function.Supplier;

/**
 * A default computed for each new instance, as Tortoise's callable {@code default}
 * ({@code default=uuid4}, {@code default=datetime.now}): the supplier's value is set on a
 * field left null when the instance is created. The class needs a public no-argument
 * constructor; one instance is made at init and shared. Such a default is never written into
 * the schema, as Tortoise writes none for a callable.
 *
 * <pre>{@code
 * @DefaultFactory(RandomToken.class) @CharField(maxLength = 32) String token;
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface DefaultFactory {

	/** The supplier of each new instance's value, of the field's Java type. */
	Class<? extends Supplier<?>> value();

}

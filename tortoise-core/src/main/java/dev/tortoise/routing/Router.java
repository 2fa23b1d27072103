package dev.tortoise.routing;

import org.jspecify.annotations.Nullable;

/**
 * Chooses the connection for reads and writes of a model (Tortoise's routers). The first
 * non-null answer among the configured routers wins; when all answer null the model's
 * app's default connection is used. {@code QuerySet.using(...)} beats every router.
 */
public interface Router {

	/** The connection name to read the model from, or null to leave the choice to others. */
	default @Nullable String dbForRead(Class<?> model) {
		return null;
	}

	/** The connection name to write the model to, or null to leave the choice to others. */
	default @Nullable String dbForWrite(Class<?> model) {
		return null;
	}

}

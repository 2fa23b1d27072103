package dev.tortoise.spring.boot;

import dev.tortoise.config.TortoiseConfig;

/**
 * Changes the {@link TortoiseConfig} built from {@code tortoise.*} properties before it is
 * validated, e.g. to add a connection whose URL comes from a secret store or to set a table
 * name generator. Customizer beans are applied in their {@code @Order}.
 */
@FunctionalInterface
public interface TortoiseConfigCustomizer {

	/** Customizes the builder; it already holds what the properties configure. */
	void customize(TortoiseConfig.Builder builder);

}

package dev.tortoise.spring.boot;

import dev.tortoise.exceptions.ConfigurationException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a Tortoise {@link ConfigurationException} at start-up into Spring Boot's
 * "APPLICATION FAILED TO START" report: what is wrong (the exception names the app,
 * connection, model or field) and what to change.
 */
final class TortoiseFailureAnalyzer extends AbstractFailureAnalyzer<ConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, ConfigurationException cause) {
		String description = "Tortoise could not be set up: " + cause.getMessage();
		String action = "Correct the Tortoise configuration named above: the tortoise.* properties (see"
				+ " tortoise.connections, tortoise.apps, tortoise.db-url, tortoise.config-file), the config file they"
				+ " point to, or the model classes. Every connection needs a valid URL and its R2DBC driver on the"
				+ " class path; every app needs model packages and a configured default connection.";
		return new FailureAnalysis(description, action, cause);
	}

}

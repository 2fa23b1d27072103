package dev.tortoise.spring.boot;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Finds connections that environment variables created by mistake: a variable cannot carry
 * the underscore or dash of a map key, so {@code TORTOISE_CONNECTIONS_ANOTHERCONN_URL} binds to
 * a new connection {@code anotherconn} instead of overriding {@code another_conn}.
 */
final class EnvironmentConnections {

	private static final String PREFIX = "TORTOISE_CONNECTIONS_";

	private EnvironmentConnections() {
	}

	/** One sentence per connection that only the environment names, and that differs from a configured one by punctuation. */
	static List<String> mistakes(Environment environment, Collection<String> connections) {
		List<String> mistakes = new ArrayList<>();
		if (!(environment instanceof ConfigurableEnvironment configurable)) {
			return mistakes;
		}
		for (String name : connections) {
			String variable = variableOf(configurable, name);
			if (variable == null) {
				continue;
			}
			for (String other : connections) {
				if (!other.equals(name) && squashed(other).equals(squashed(name)) && !other.equals(squashed(other))) {
					mistakes.add("Connection \"" + name + "\" comes from the environment variable " + variable
							+ ", which cannot carry the punctuation of connection \"" + other + "\": it is a connection"
							+ " of its own, not an override of \"" + other + "\". To override \"" + other
							+ "\" from the environment use SPRING_APPLICATION_JSON={\"tortoise\":{\"connections\":{\""
							+ other + "\":{\"url\":\"...\"}}}}, or name the connection with letters and digits only.");
				}
			}
		}
		return mistakes;
	}

	/** The first environment variable that configures the connection, or null when none does. */
	private static @Nullable String variableOf(ConfigurableEnvironment environment, String name) {
		if (!name.equals(squashed(name))) {
			return null; // a variable cannot name it
		}
		String prefix = PREFIX + name.toUpperCase(Locale.ROOT);
		for (PropertySource<?> source : environment.getPropertySources()) {
			if (source instanceof SystemEnvironmentPropertySource env) {
				for (String variable : env.getPropertyNames()) {
					String upper = variable.toUpperCase(Locale.ROOT);
					if (upper.equals(prefix) || upper.startsWith(prefix + "_")) {
						return variable;
					}
				}
			}
		}
		return null;
	}

	private static String squashed(String name) {
		return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
	}

}

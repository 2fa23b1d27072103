package dev.tortoise.config;

import java.util.List;
import java.util.Objects;

/**
 * One app: the modules its models come from (package or class names) and the connection
 * it uses by default. Immutable.
 */
public final class AppConfig {

	/** The connection an app uses when none is named, as in Tortoise. */
	public static final String DEFAULT_CONNECTION = "default";

	private final List<String> models;

	private final String defaultConnection;

	private AppConfig(List<String> models, String defaultConnection) {
		this.models = List.copyOf(models);
		this.defaultConnection = Objects.requireNonNull(defaultConnection, "defaultConnection");
	}

	/** An app with the given modules on the given connection. */
	public static AppConfig of(List<String> models, String defaultConnection) {
		return new AppConfig(models, defaultConnection);
	}

	/** An app with the given modules on connection {@code default}. */
	public static AppConfig of(List<String> models) {
		return new AppConfig(models, DEFAULT_CONNECTION);
	}

	/** Package or class names the app's models are discovered from. */
	public List<String> models() {
		return this.models;
	}

	/** The connection used when no router or {@code using()} says otherwise. */
	public String defaultConnection() {
		return this.defaultConnection;
	}

	public AppConfig withModels(List<String> models) {
		return new AppConfig(models, this.defaultConnection);
	}

	public AppConfig withDefaultConnection(String defaultConnection) {
		return new AppConfig(this.models, defaultConnection);
	}

	@Override
	public boolean equals(Object o) {
		return (o instanceof AppConfig a) && a.models.equals(this.models)
				&& a.defaultConnection.equals(this.defaultConnection);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.models, this.defaultConnection);
	}

	@Override
	public String toString() {
		return "AppConfig[models=" + this.models + ", defaultConnection=" + this.defaultConnection + "]";
	}

}

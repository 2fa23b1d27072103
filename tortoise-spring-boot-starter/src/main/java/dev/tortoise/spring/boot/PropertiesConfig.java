package dev.tortoise.spring.boot;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.tortoise.config.AppConfig;
import dev.tortoise.config.ConnectionConfig;
import dev.tortoise.config.DbUrl;
import dev.tortoise.config.PoolSettings;
import dev.tortoise.config.TortoiseConfig;
import dev.tortoise.exceptions.ConfigurationException;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.Resource;

/**
 * Turns {@link TortoiseProperties} into a {@link TortoiseConfig} builder: from
 * {@code connections} + {@code apps}, from {@code db-url} + {@code modules}, or from a
 * {@code config-file}, exactly one of them.
 */
final class PropertiesConfig {

	private PropertiesConfig() {
	}

	/**
	 * A builder holding what the properties configure.
	 * @throws ConfigurationException naming the property, connection or app at fault
	 */
	static TortoiseConfig.Builder builder(TortoiseProperties properties) {
		Resource file = properties.getConfigFile();
		boolean connections = !properties.getConnections().isEmpty() || !properties.getApps().isEmpty();
		boolean dbUrl = properties.getDbUrl() != null || !properties.getModules().isEmpty();
		List<String> ways = new ArrayList<>();
		if (connections) {
			ways.add("tortoise.connections/tortoise.apps");
		}
		if (dbUrl) {
			ways.add("tortoise.db-url/tortoise.modules");
		}
		if (file != null) {
			ways.add("tortoise.config-file");
		}
		if (ways.isEmpty()) {
			throw new ConfigurationException("Tortoise has nothing to set up: none of tortoise.connections,"
					+ " tortoise.db-url or tortoise.config-file is set. Configure connections and apps, for example"
					+ " tortoise.connections.default=h2://./data/app and tortoise.apps.models.models=com.example.models.");
		}
		if (ways.size() > 1) {
			throw new ConfigurationException("Tortoise is configured in more than one way: " + String.join(", ", ways)
					+ ". Keep only one of them.");
		}
		if (file != null) {
			return fromFile(file).toBuilder();
		}
		TortoiseConfig.Builder builder = dbUrl ? fromDbUrl(properties) : fromConnections(properties);
		checkSettings(properties);
		return builder.useTz(properties.isUseTz()).timezone(properties.getTimezone())
			.maxRelationDepth(properties.getMaxRelationDepth());
	}

	private static TortoiseConfig fromFile(Resource file) {
		try (Reader reader = new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8)) {
			return TortoiseConfig.fromReader(reader, file.getDescription());
		}
		catch (IOException ex) {
			throw new ConfigurationException("Could not read tortoise.config-file " + file.getDescription() + ": "
					+ ex.getMessage() + ". Check the path; classpath: and file: prefixes are supported.", ex);
		}
	}

	private static TortoiseConfig.Builder fromDbUrl(TortoiseProperties properties) {
		String url = properties.getDbUrl();
		if (url == null || url.isBlank()) {
			throw new ConfigurationException("tortoise.modules is set but tortoise.db-url is not. Set the database URL,"
					+ " e.g. tortoise.db-url=postgres://user:password@localhost:5432/app.");
		}
		if (properties.getModules().isEmpty()) {
			throw new ConfigurationException("tortoise.db-url is set but tortoise.modules is not. List the model"
					+ " packages of each app, e.g. tortoise.modules.models=com.example.models.");
		}
		return TortoiseConfig.of(url, properties.getModules()).toBuilder();
	}

	/** The settings beside connections and apps, refused in property names rather than the builder's. */
	private static void checkSettings(TortoiseProperties properties) {
		if (properties.getMaxRelationDepth() < 1) {
			throw new ConfigurationException("tortoise.max-relation-depth must be at least 1, got "
					+ properties.getMaxRelationDepth() + ". Leave it out for the default of "
					+ TortoiseConfig.DEFAULT_MAX_RELATION_DEPTH + ".");
		}
		try {
			java.time.ZoneId.of(properties.getTimezone());
		}
		catch (java.time.DateTimeException ex) {
			throw new ConfigurationException("tortoise.timezone \"" + properties.getTimezone()
					+ "\" is no time zone. Use a region such as UTC or Europe/Paris.");
		}
	}

	/**
	 * Connections and apps; what the core would report in builder terms (no connection, no app,
	 * an app's missing connection) is reported here in property names.
	 */
	private static TortoiseConfig.Builder fromConnections(TortoiseProperties properties) {
		if (properties.getConnections().isEmpty()) {
			throw new ConfigurationException("tortoise.apps is set but no connection is configured. Add one, e.g."
					+ " tortoise.connections.default=postgres://user:password@localhost:5432/app.");
		}
		if (properties.getApps().isEmpty()) {
			throw new ConfigurationException("tortoise.connections is set but no app is configured. Add one with its"
					+ " model packages, e.g. tortoise.apps.models.models=com.example.models.");
		}
		properties.getApps().forEach((label, app) -> {
			String property = "tortoise.apps." + label;
			if (app.getModels().isEmpty()) {
				throw new ConfigurationException(property + ".models is empty: app \"" + label
						+ "\" lists no models. Set it to the packages (or classes) of the app's models.");
			}
			if (!properties.getConnections().containsKey(app.getDefaultConnection())) {
				throw new ConfigurationException(property + ".default-connection is \"" + app.getDefaultConnection()
						+ "\", which is not configured. Configured: "
						+ String.join(", ", properties.getConnections().keySet().stream()
							.map((name) -> "tortoise.connections." + name).toList())
						+ ". Set it to one of them, or add tortoise.connections." + app.getDefaultConnection() + ".");
			}
		});
		TortoiseConfig.Builder builder = TortoiseConfig.builder();
		properties.getConnections().forEach((name, connection) -> builder.connection(name, connection(name, connection)));
		properties.getApps().forEach((label, app) -> builder.app(label, AppConfig.of(app.getModels(), app.getDefaultConnection())));
		return builder;
	}

	/** One connection from its properties: a URL, or an engine and credentials; then pool settings. */
	static ConnectionConfig connection(String name, TortoiseProperties.Connection properties) {
		String property = "tortoise.connections." + name;
		String url = properties.getUrl();
		ConnectionConfig config;
		try {
			if (url != null) {
				if (properties.getEngine() != null || !properties.getCredentials().isEmpty()) {
					throw new ConfigurationException("It sets both a url and an engine or credentials. Set " + property
							+ ".url, or " + property + ".engine with " + property + ".credentials, not both.");
				}
				config = DbUrl.parse(url);
			}
			else if (properties.getEngine() != null) {
				config = ConnectionConfig.of(properties.getEngine(), properties.getCredentials());
			}
			else {
				throw new ConfigurationException("It has neither a url nor an engine. Set " + property + "=<database URL>, "
						+ property + ".url, or " + property + ".engine with " + property + ".credentials.");
			}
			return config.withPool(pool(config.pool(), properties.getPool(), property + ".pool"));
		}
		catch (ConfigurationException ex) {
			throw new ConfigurationException("Connection \"" + name + "\" (" + property + "): " + ex.getMessage(), ex);
		}
	}

	private static PoolSettings pool(PoolSettings base, TortoiseProperties.Pool pool, String property) {
		int maxSize = (pool.getMaxSize() != null) ? pool.getMaxSize() : base.maxSize();
		if (maxSize < 1) {
			throw new ConfigurationException(property + ".max-size must be at least 1, got " + maxSize + ".");
		}
		int initialSize = (pool.getInitialSize() != null) ? pool.getInitialSize() : Math.min(base.initialSize(), maxSize);
		if (initialSize < 0 || initialSize > maxSize) {
			throw new ConfigurationException(property + ".initial-size must be between 0 and " + property
					+ ".max-size (" + maxSize + "), got " + initialSize + ".");
		}
		notNegative(property + ".max-idle-time", pool.getMaxIdleTime());
		notNegative(property + ".max-life-time", pool.getMaxLifeTime());
		notNegative(property + ".max-acquire-time", pool.getMaxAcquireTime());
		notNegative(property + ".max-create-connection-time", pool.getMaxCreateConnectionTime());
		notNegative(property + ".statement-timeout", pool.getStatementTimeout());
		PoolSettings p = base;
		p = (pool.getInitialSize() != null) ? p.withInitialSize(pool.getInitialSize()) : p;
		p = (pool.getMaxSize() != null) ? p.withMaxSize(pool.getMaxSize()) : p;
		p = (pool.getMaxIdleTime() != null) ? p.withMaxIdleTime(pool.getMaxIdleTime()) : p;
		p = (pool.getMaxLifeTime() != null) ? p.withMaxLifeTime(pool.getMaxLifeTime()) : p;
		p = (pool.getMaxAcquireTime() != null) ? p.withMaxAcquireTime(pool.getMaxAcquireTime()) : p;
		p = (pool.getMaxCreateConnectionTime() != null) ? p.withMaxCreateConnectionTime(pool.getMaxCreateConnectionTime()) : p;
		p = (pool.getValidationQuery() != null) ? p.withValidationQuery(pool.getValidationQuery()) : p;
		p = (pool.getStatementTimeout() != null) ? p.withStatementTimeout(pool.getStatementTimeout()) : p;
		return p;
	}

	private static void notNegative(String property, java.time.@Nullable Duration value) {
		if (value != null && value.isNegative()) {
			throw new ConfigurationException(property + " must not be negative, got " + value + ".");
		}
	}

	/** The connection names the properties configure, or an empty list when they are incomplete or invalid. */
	static List<String> connectionNames(@Nullable TortoiseProperties properties) {
		if (properties == null) {
			return List.of();
		}
		try {
			Map<String, ConnectionConfig> connections = builder(properties).build().connections();
			return List.copyOf(connections.keySet());
		}
		catch (RuntimeException ex) {
			// The TortoiseContext bean reports the same mistake, through the failure analyzer.
			return List.of();
		}
	}

}

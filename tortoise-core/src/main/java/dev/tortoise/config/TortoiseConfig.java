package dev.tortoise.config;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import dev.tortoise.exceptions.ConfigurationException;
import dev.tortoise.routing.Router;
import dev.tortoise.transactions.BoundConnections;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Everything {@code Tortoise.init} needs: connections, apps, routers and time-zone
 * handling. Immutable and validated when built: every mistake is a
 * {@link ConfigurationException} naming the app or connection at fault.
 */
public final class TortoiseConfig {

	private final Map<String, ConnectionConfig> connections;

	private final Map<String, AppConfig> apps;

	private final List<Router> routers;

	private final boolean useTz;

	private final String timezone;

	/** {@link #timezone} parsed once: {@code ZoneId.of} builds the zone's rules anew on every call. */
	private final ZoneId zoneId;

	private final @Nullable Function<Class<?>, String> tableNameGenerator;

	private final @Nullable ClassLoader classLoader;

	private final @Nullable BoundConnections boundConnections;

	private final int maxRelationDepth;

	/** How many relations a filter key may follow unless configured otherwise. */
	public static final int DEFAULT_MAX_RELATION_DEPTH = 10;

	private TortoiseConfig(Builder b) {
		this.connections = Collections.unmodifiableMap(new LinkedHashMap<>(b.connections));
		this.apps = Collections.unmodifiableMap(new LinkedHashMap<>(b.apps));
		this.routers = List.copyOf(b.routers);
		this.useTz = b.useTz;
		this.timezone = b.timezone;
		this.zoneId = ZoneId.of(b.timezone);
		this.tableNameGenerator = b.tableNameGenerator;
		this.classLoader = b.classLoader;
		this.boundConnections = b.boundConnections;
		this.maxRelationDepth = b.maxRelationDepth;
	}

	/** A builder with no connections and no apps, {@code use_tz} false and time zone UTC. */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Tortoise's {@code db_url} + {@code modules}: one connection {@code default}, and one
	 * app per entry using it.
	 */
	public static TortoiseConfig of(String dbUrl, Map<String, List<String>> modules) {
		Builder b = builder().connection(AppConfig.DEFAULT_CONNECTION, dbUrl);
		modules.forEach((label, models) -> b.app(label, models));
		return b.build();
	}

	/**
	 * The shape of Tortoise's {@code CONFIG} dict: {@code connections} (name → URL, or
	 * {@code {engine, credentials}}), {@code apps} (label → {@code {models, default_connection}}),
	 * {@code routers} (class names), {@code use_tz} and {@code timezone}.
	 */
	public static TortoiseConfig fromMap(Map<String, ?> config) {
		Map<String, ?> root = config;
		if (config.size() == 1 && config.get("tortoise") instanceof Map<?, ?> nested) {
			root = asMap(nested, "tortoise");
		}
		Object connections = root.get("connections");
		if (!(connections instanceof Map<?, ?> connectionMap)) {
			throw new ConfigurationException("Config must define \"connections\" section"
					+ ((connections != null) ? " as a map of name to URL or {engine, credentials}" : "") + ".");
		}
		Object apps = root.get("apps");
		if (!(apps instanceof Map<?, ?> appMap)) {
			throw new ConfigurationException("Config must define \"apps\" section"
					+ ((apps != null) ? " as a map of label to {models, default_connection}" : "") + ".");
		}
		Builder b = builder();
		connectionMap.forEach((name, value) -> b.connection(String.valueOf(name), connectionFromMap(String.valueOf(name), value)));
		appMap.forEach((label, value) -> {
			Map<String, ?> app = asMap(value, "app \"" + label + "\"");
			Object models = app.get("models");
			if (!(models instanceof List<?> list)) {
				throw new ConfigurationException("App \"" + label + "\" must list its \"models\" (package or class names).");
			}
			Object connection = app.get("default_connection");
			b.app(String.valueOf(label), list.stream().map(String::valueOf).toList(),
					(connection != null) ? connection.toString() : AppConfig.DEFAULT_CONNECTION);
		});
		Object routers = root.get("routers");
		if (routers instanceof List<?> list) {
			for (Object router : list) {
				b.router((router instanceof Router r) ? r : instantiateRouter(String.valueOf(router)));
			}
		}
		else if (routers != null) {
			throw new ConfigurationException("\"routers\" must be a list of Router class names.");
		}
		Object useTz = root.get("use_tz");
		if (useTz != null) {
			b.useTz(Boolean.parseBoolean(useTz.toString()));
		}
		Object timezone = root.get("timezone");
		if (timezone != null) {
			b.timezone(timezone.toString());
		}
		return b.build();
	}

	/**
	 * Tortoise's {@code config_file}: a {@code .json}, {@code .yml} or {@code .yaml} file in
	 * the {@link #fromMap} shape (optionally under a top-level {@code tortoise} key).
	 */
	public static TortoiseConfig fromFile(Path file) {
		String name = file.getFileName().toString();
		int dot = name.lastIndexOf('.');
		String ext = (dot >= 0) ? name.substring(dot).toLowerCase(Locale.ROOT) : "";
		if (!ext.equals(".json") && !ext.equals(".yml") && !ext.equals(".yaml")) {
			throw new ConfigurationException("Unknown config extension \"" + ext + "\" of " + file
					+ ", only .yml, .yaml and .json are supported.");
		}
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			return fromMap(parse(reader, file.toString()));
		}
		catch (IOException ex) {
			throw new ConfigurationException("Could not read config file " + file + ": " + ex.getMessage(), ex);
		}
	}

	/** Reads a JSON or YAML document (JSON is read as YAML) into the {@link #fromMap} shape. */
	public static TortoiseConfig fromReader(Reader reader, String description) {
		return fromMap(parse(reader, description));
	}

	private static Map<String, ?> parse(Reader reader, String description) {
		Object document;
		try {
			document = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
		}
		catch (YAMLException ex) {
			throw new ConfigurationException("Config file " + description + " is not valid JSON or YAML: "
					+ ex.getMessage(), ex);
		}
		return asMap(document, "config file " + description);
	}

	private static ConnectionConfig connectionFromMap(String name, Object value) {
		try {
			if (value instanceof String url) {
				return DbUrl.parse(url);
			}
			if (value instanceof ConnectionConfig config) {
				return config;
			}
			Map<String, ?> map = asMap(value, "connection \"" + name + "\"");
			Object engine = map.get("engine");
			if (engine == null) {
				throw new ConfigurationException("it has no \"engine\"; give a URL or {engine, credentials}");
			}
			Object credentials = map.get("credentials");
			return ConnectionConfig.of(engine.toString(),
					(credentials != null) ? asMap(credentials, "its credentials") : Map.of());
		}
		catch (ConfigurationException ex) {
			throw new ConfigurationException("Connection \"" + name + "\": " + ex.getMessage(), ex);
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, ?> asMap(@Nullable Object value, String what) {
		if (!(value instanceof Map<?, ?> map)) {
			throw new ConfigurationException("Expected a map for " + what + ", got "
					+ ((value != null) ? value.getClass().getSimpleName() : "nothing") + ".");
		}
		return (Map<String, ?>) map;
	}

	private static Router instantiateRouter(String className) {
		try {
			Class<?> type = Class.forName(className, true, Thread.currentThread().getContextClassLoader());
			if (!Router.class.isAssignableFrom(type)) {
				throw new ConfigurationException("Router " + className + " does not implement dev.tortoise.routing.Router.");
			}
			Constructor<?> constructor = type.getDeclaredConstructor();
			constructor.setAccessible(true);
			return (Router) constructor.newInstance();
		}
		catch (ClassNotFoundException ex) {
			throw new ConfigurationException("Router class " + className + " not found. Check the name in \"routers\".");
		}
		catch (NoSuchMethodException ex) {
			throw new ConfigurationException("Router " + className + " needs a constructor without arguments.");
		}
		catch (ReflectiveOperationException ex) {
			throw new ConfigurationException("Could not create router " + className + ": " + ex.getMessage(), ex);
		}
	}

	/** Connections by name, in configuration order. */
	public Map<String, ConnectionConfig> connections() {
		return this.connections;
	}

	/** Apps by label, in configuration order. */
	public Map<String, AppConfig> apps() {
		return this.apps;
	}

	/** Routers, asked in order. */
	public List<Router> routers() {
		return this.routers;
	}

	/** Whether datetimes are stored in UTC and read back aware (Tortoise's {@code use_tz}). */
	public boolean useTz() {
		return this.useTz;
	}

	/** Time zone datetimes are read back in (Tortoise's {@code timezone}). */
	public String timezone() {
		return this.timezone;
	}

	/** Time zone as a {@link ZoneId}. */
	public ZoneId zoneId() {
		return this.zoneId;
	}

	/** The table-name generator, or null for class names lower-cased. */
	public @Nullable Function<Class<?>, String> tableNameGenerator() {
		return this.tableNameGenerator;
	}

	/** Class loader for model discovery, or null for the thread's context class loader. */
	public @Nullable ClassLoader classLoader() {
		return this.classLoader;
	}

	/** App label → module entries, the shape {@code Tortoise.initModels} takes. */
	public Map<String, List<String>> modules() {
		Map<String, List<String>> modules = new LinkedHashMap<>();
		this.apps.forEach((label, app) -> modules.put(label, app.models()));
		return modules;
	}

	/** Finds connections an outside transaction manager has bound, or null when there is none. */
	public @Nullable BoundConnections boundConnections() {
		return this.boundConnections;
	}

	/**
	 * How many relations a filter, ordering or values key may follow ({@code a__b__c}
	 * follows two); a longer key is refused with a {@code FieldException} naming the limit.
	 * It bounds what one query string can make the database do.
	 */
	public int maxRelationDepth() {
		return this.maxRelationDepth;
	}

	/** A builder holding this configuration, to change parts of it. */
	public Builder toBuilder() {
		Builder b = new Builder();
		b.connections.putAll(this.connections);
		b.apps.putAll(this.apps);
		b.routers.addAll(this.routers);
		b.useTz = this.useTz;
		b.timezone = this.timezone;
		b.tableNameGenerator = this.tableNameGenerator;
		b.classLoader = this.classLoader;
		b.boundConnections = this.boundConnections;
		b.maxRelationDepth = this.maxRelationDepth;
		return b;
	}

	@Override
	public String toString() {
		return "TortoiseConfig[connections=" + this.connections + ", apps=" + this.apps + ", routers=" + this.routers
				+ ", useTz=" + this.useTz + ", timezone=" + this.timezone + "]";
	}

	/** Builds a {@link TortoiseConfig}; {@link #build()} validates it. */
	public static final class Builder {

		private final Map<String, ConnectionConfig> connections = new LinkedHashMap<>();

		private final Map<String, AppConfig> apps = new LinkedHashMap<>();

		private final List<Router> routers = new ArrayList<>();

		private boolean useTz;

		private int maxRelationDepth = DEFAULT_MAX_RELATION_DEPTH;

		private String timezone = "UTC";

		private @Nullable Function<Class<?>, String> tableNameGenerator;

		private @Nullable ClassLoader classLoader;

		private @Nullable BoundConnections boundConnections;

		private Builder() {
		}

		/** Adds a connection from a database URL (see {@link DbUrl}). */
		public Builder connection(String name, String url) {
			try {
				return connection(name, DbUrl.parse(url));
			}
			catch (ConfigurationException ex) {
				throw new ConfigurationException("Connection \"" + name + "\": " + ex.getMessage(), ex);
			}
		}

		/** Adds a connection. */
		public Builder connection(String name, ConnectionConfig connection) {
			requireName(name, "connection");
			this.connections.put(name, Objects.requireNonNull(connection, "connection"));
			return this;
		}

		/** Adds an app on connection {@code default}. */
		public Builder app(String label, List<String> models) {
			return app(label, models, AppConfig.DEFAULT_CONNECTION);
		}

		/** Adds an app on the given default connection. */
		public Builder app(String label, List<String> models, String defaultConnection) {
			return app(label, AppConfig.of(models, defaultConnection));
		}

		/** Adds an app. */
		public Builder app(String label, AppConfig app) {
			requireName(label, "app");
			this.apps.put(label, Objects.requireNonNull(app, "app"));
			return this;
		}

		/** Adds a router; routers are asked in the order they were added. */
		public Builder router(Router router) {
			this.routers.add(Objects.requireNonNull(router, "router"));
			return this;
		}

		/** Stores datetimes in UTC and reads them back aware. */
		public Builder useTz(boolean useTz) {
			this.useTz = useTz;
			return this;
		}

		/** How many relations a key may follow at most ({@link TortoiseConfig#maxRelationDepth}); at least 1. */
		public Builder maxRelationDepth(int maxRelationDepth) {
			if (maxRelationDepth < 1) {
				throw new ConfigurationException("maxRelationDepth must be at least 1, got " + maxRelationDepth + ".");
			}
			this.maxRelationDepth = maxRelationDepth;
			return this;
		}

		/** The time zone datetimes are read back in. */
		public Builder timezone(String timezone) {
			this.timezone = Objects.requireNonNull(timezone, "timezone");
			return this;
		}

		/** Table names for models without {@code @Model(table)}. */
		public Builder tableNameGenerator(@Nullable Function<Class<?>, String> tableNameGenerator) {
			this.tableNameGenerator = tableNameGenerator;
			return this;
		}

		/** Class loader for model discovery. */
		public Builder classLoader(@Nullable ClassLoader classLoader) {
			this.classLoader = classLoader;
			return this;
		}

		/**
		 * Lets statements join transactions of an outside transaction manager: when it finds
		 * a connection bound for a pool, statements of that connection run on it.
		 */
		public Builder boundConnections(@Nullable BoundConnections boundConnections) {
			this.boundConnections = boundConnections;
			return this;
		}

		/**
		 * Validates and builds the configuration.
		 * @throws ConfigurationException naming the app or connection at fault
		 */
		public TortoiseConfig build() {
			if (this.connections.isEmpty()) {
				throw new ConfigurationException("Config must define \"connections\" section: no connection is"
						+ " configured. Add one, e.g. connection(\"default\", \"h2://:memory:\").");
			}
			if (this.apps.isEmpty()) {
				throw new ConfigurationException("Config must define \"apps\" section: no app is configured. Add one,"
						+ " e.g. app(\"models\", List.of(\"com.example.models\")).");
			}
			this.apps.forEach((label, app) -> {
				if (app.models().isEmpty()) {
					throw new ConfigurationException("App \"" + label + "\" lists no models. Give it at least one"
							+ " package or class name.");
				}
				if (!this.connections.containsKey(app.defaultConnection())) {
					throw new ConfigurationException("App \"" + label + "\" uses default connection \""
							+ app.defaultConnection() + "\", which is not configured. Configured connections: "
							+ String.join(", ", this.connections.keySet()) + ".");
				}
			});
			try {
				ZoneId.of(this.timezone);
			}
			catch (DateTimeException ex) {
				throw new ConfigurationException("Unknown timezone \"" + this.timezone + "\". Use a region such as"
						+ " \"UTC\" or \"Europe/Paris\".");
			}
			return new TortoiseConfig(this);
		}

		private static void requireName(String name, String what) {
			if (name == null || name.isBlank()) {
				throw new ConfigurationException("A " + what + " name cannot be empty.");
			}
		}

	}

}

package dev.tortoise.spring.boot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tortoise.config.TortoiseConfig;
import dev.tortoise.routing.Router;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

/**
 * Configuration of Tortoise under {@code tortoise.*}: the same set-up as Tortoise ORM's
 * {@code CONFIG} dict, {@code config_file} or {@code db_url} + {@code modules}.
 */
@ConfigurationProperties("tortoise")
public class TortoiseProperties {

	/**
	 * Connections by name. Each is a database URL (postgres://user:pass@host:5432/db,
	 * mysql://..., sqlite://data/app.db, sqlite://:memory:, h2://./data/app, h2://:memory:,
	 * r2dbc:...) or an object with a url, or an
	 * engine and credentials, plus pool settings.
	 */
	private Map<String, Connection> connections = new LinkedHashMap<>();

	/** Apps by label: the model packages (or classes) of each and its default connection. */
	private Map<String, App> apps = new LinkedHashMap<>();

	/**
	 * Router classes, asked in this order before any Router bean. Each is created as a bean,
	 * so its constructor may take other beans.
	 */
	private List<Class<? extends Router>> routers = new ArrayList<>();

	/** Whether datetimes are stored in UTC and read back with their offset (Tortoise's use_tz). */
	private boolean useTz;

	/** Time zone datetimes are read back in (Tortoise's timezone). */
	private String timezone = "UTC";

	/**
	 * How many relations a filter, ordering or values key may follow (a__b__c follows two).
	 * Longer keys are refused as a FieldException (400 in a web app), which bounds what one
	 * query string can make the database do.
	 */
	private int maxRelationDepth = TortoiseConfig.DEFAULT_MAX_RELATION_DEPTH;

	public int getMaxRelationDepth() {
		return this.maxRelationDepth;
	}

	public void setMaxRelationDepth(int maxRelationDepth) {
		this.maxRelationDepth = maxRelationDepth;
	}

	/**
	 * Schema generation at start-up, before the application reports ready: none, safe
	 * (create only what is missing; safe to run on every start) or create (fail when a table
	 * already exists).
	 */
	private GenerateSchemas generateSchemas = GenerateSchemas.NONE;

	/**
	 * A Tortoise JSON or YAML config file (Tortoise's config_file), such as
	 * classpath:tortoise.json or file:/etc/app/tortoise.yml, used instead of connections and
	 * apps.
	 */
	private @Nullable Resource configFile;

	/**
	 * A single database URL (Tortoise's db_url), used with modules instead of connections and
	 * apps. Its connection is named "default".
	 */
	private @Nullable String dbUrl;

	/** Model packages (or classes) by app label, used with db-url (Tortoise's modules). */
	private Map<String, List<String>> modules = new LinkedHashMap<>();

	/** How Tortoise's exceptions reach HTTP clients of a web application. */
	private final ProblemDetails problemDetails = new ProblemDetails();

	private final Json json = new Json();

	private final Migrations migrations = new Migrations();

	public Map<String, Connection> getConnections() {
		return this.connections;
	}

	public void setConnections(Map<String, Connection> connections) {
		this.connections = connections;
	}

	public Map<String, App> getApps() {
		return this.apps;
	}

	public void setApps(Map<String, App> apps) {
		this.apps = apps;
	}

	public List<Class<? extends Router>> getRouters() {
		return this.routers;
	}

	public void setRouters(List<Class<? extends Router>> routers) {
		this.routers = routers;
	}

	public boolean isUseTz() {
		return this.useTz;
	}

	public void setUseTz(boolean useTz) {
		this.useTz = useTz;
	}

	public String getTimezone() {
		return this.timezone;
	}

	public void setTimezone(String timezone) {
		this.timezone = timezone;
	}

	public GenerateSchemas getGenerateSchemas() {
		return this.generateSchemas;
	}

	public void setGenerateSchemas(GenerateSchemas generateSchemas) {
		this.generateSchemas = generateSchemas;
	}

	public @Nullable Resource getConfigFile() {
		return this.configFile;
	}

	public void setConfigFile(@Nullable Resource configFile) {
		this.configFile = configFile;
	}

	public @Nullable String getDbUrl() {
		return this.dbUrl;
	}

	public void setDbUrl(@Nullable String dbUrl) {
		this.dbUrl = dbUrl;
	}

	public Map<String, List<String>> getModules() {
		return this.modules;
	}

	public void setModules(Map<String, List<String>> modules) {
		this.modules = modules;
	}

	public ProblemDetails getProblemDetails() {
		return this.problemDetails;
	}

	public Json getJson() {
		return this.json;
	}

	public Migrations getMigrations() {
		return this.migrations;
	}

	/**
	 * Versioned migrations of each connection's schema, applied by Flyway (which must be on
	 * the class path, with the JDBC driver of each database).
	 */
	public static class Migrations {

		/**
		 * Whether each connection's pending migrations run at start-up, before the application
		 * is ready. Requires generate-schemas none: the migrations own the schema.
		 */
		private boolean enabled = false;

		/**
		 * Where each connection's migrations are read from when they are applied, "{connection}"
		 * standing for the connection's name: a classpath: or filesystem: location.
		 */
		private String location = "classpath:db/migration/{connection}";

		/**
		 * The folder the make and baseline commands write each connection's migrations to,
		 * "{connection}" standing for its name; relative to the working directory.
		 */
		private String folder = "src/main/resources/db/migration/{connection}";

		/**
		 * A command: apply the migrations there are, write the difference between the models
		 * and each connection's database as its next migration, V<n>__<make>.sql, and stop.
		 */
		private @Nullable String make;

		/**
		 * A command: write each connection's schema, as the models define it, as its first
		 * migration, V1__baseline.sql, and stop. A database that already holds that schema
		 * (created by generate-schemas or by Tortoise ORM) records it as applied on its next
		 * migration without running it.
		 */
		private boolean baseline = false;

		/** Whether make may write a migration that drops columns or narrows a type. */
		private boolean allowDestructive = false;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getLocation() {
			return this.location;
		}

		public void setLocation(String location) {
			this.location = location;
		}

		public String getFolder() {
			return this.folder;
		}

		public void setFolder(String folder) {
			this.folder = folder;
		}

		public @Nullable String getMake() {
			return this.make;
		}

		public void setMake(@Nullable String make) {
			this.make = make;
		}

		public boolean isBaseline() {
			return this.baseline;
		}

		public void setBaseline(boolean baseline) {
			this.baseline = baseline;
		}

		public boolean isAllowDestructive() {
			return this.allowDestructive;
		}

		public void setAllowDestructive(boolean allowDestructive) {
			this.allowDestructive = allowDestructive;
		}

		/** Whether a command (make or baseline) was asked for: the application stops after it. */
		boolean isCommand() {
			return (this.make != null && !this.make.isBlank()) || this.baseline;
		}

	}

	/** Models as JSON through Jackson 3, in request and response bodies. */
	public static class Json {

		/**
		 * Whether the starter registers its Jackson module: models written by their mapped
		 * fields with fetched relations nested and unfetched foreign keys as keys, and read
		 * back from request bodies.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/** Tortoise's exceptions as RFC 9457 problem details in WebFlux and MVC applications. */
	public static class ProblemDetails {

		/**
		 * Whether Tortoise's exceptions become problem details: a missing row 404, a refused
		 * value or query 400, a broken constraint 409, a database that does not answer 503.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/** What {@code generate-schemas} does at start-up. */
	public enum GenerateSchemas {

		/** Leave the schema alone. */
		NONE,

		/** Create only the tables, indexes and constraints that are missing. */
		SAFE,

		/** Create every table; fail if one exists. */
		CREATE

	}

	/** One connection: a URL, or an engine and credentials, plus pool settings. */
	public static class Connection {

		/**
		 * Database URL, such as postgres://postgres@127.0.0.1:5432/test, sqlite://data/app.db or
		 * h2://./data/app.
		 */
		private @Nullable String url;

		/**
		 * Engine, used with credentials instead of url: postgres, mysql, sqlite, h2, or
		 * Tortoise's tortoise.backends.asyncpg, psycopg, mysql and sqlite (with file_path).
		 */
		private @Nullable String engine;

		/**
		 * Credentials with Tortoise's keys: host, port, user, password, database, file_path,
		 * minsize, maxsize, ssl, schema and driver options.
		 */
		private Map<String, String> credentials = new LinkedHashMap<>();

		/** Connection pool settings; they override minsize and maxsize given in the URL. */
		private final Pool pool = new Pool();

		public Connection() {
		}

		/** A connection given as a URL string: {@code tortoise.connections.default=h2://./data/app}. */
		public Connection(String url) {
			this.url = url;
		}

		public @Nullable String getUrl() {
			return this.url;
		}

		public void setUrl(@Nullable String url) {
			this.url = url;
		}

		public @Nullable String getEngine() {
			return this.engine;
		}

		public void setEngine(@Nullable String engine) {
			this.engine = engine;
		}

		public Map<String, String> getCredentials() {
			return this.credentials;
		}

		public void setCredentials(Map<String, String> credentials) {
			this.credentials = credentials;
		}

		public Pool getPool() {
			return this.pool;
		}

		@Override
		public String toString() {
			// Never the URL or credentials: both can carry a password.
			return "Connection[engine=" + this.engine + ", pool=" + this.pool + "]";
		}

	}

	/** r2dbc-pool settings of one connection; unset ones keep Tortoise's defaults. */
	public static class Pool {

		/** Connections opened when the pool is first used (Tortoise's minsize). Default 1. */
		private @Nullable Integer initialSize;

		/** Most connections open at once (Tortoise's maxsize). Default 5. */
		private @Nullable Integer maxSize;

		/** How long a connection may stay idle in the pool before it is closed. Default 30m. */
		private @Nullable Duration maxIdleTime;

		/** How long a connection may live before it is closed and replaced. Default: unlimited. */
		private @Nullable Duration maxLifeTime;

		/**
		 * How long acquiring a connection may wait for one to be free before failing. The
		 * timer is armed only when no idle connection is at hand. Default 30s.
		 */
		private @Nullable Duration maxAcquireTime;

		/** How long opening a new connection may take before failing. Default: unlimited. */
		private @Nullable Duration maxCreateConnectionTime;

		/** Query that checks a connection before it is handed out. Default: the driver's own check. */
		private @Nullable String validationQuery;

		/**
		 * How long one statement may run before the database stops it and the query fails
		 * with an OperationalException naming the connection (PostgreSQL statement_timeout,
		 * MariaDB max_statement_time, H2 QUERY_TIMEOUT, SQLite an interrupt; also statement_timeout=SECONDS in the
		 * URL). Default: no limit.
		 */
		private @Nullable Duration statementTimeout;

		public @Nullable Duration getStatementTimeout() {
			return this.statementTimeout;
		}

		public void setStatementTimeout(@Nullable Duration statementTimeout) {
			this.statementTimeout = statementTimeout;
		}

		public @Nullable Integer getInitialSize() {
			return this.initialSize;
		}

		public void setInitialSize(@Nullable Integer initialSize) {
			this.initialSize = initialSize;
		}

		public @Nullable Integer getMaxSize() {
			return this.maxSize;
		}

		public void setMaxSize(@Nullable Integer maxSize) {
			this.maxSize = maxSize;
		}

		public @Nullable Duration getMaxIdleTime() {
			return this.maxIdleTime;
		}

		public void setMaxIdleTime(@Nullable Duration maxIdleTime) {
			this.maxIdleTime = maxIdleTime;
		}

		public @Nullable Duration getMaxLifeTime() {
			return this.maxLifeTime;
		}

		public void setMaxLifeTime(@Nullable Duration maxLifeTime) {
			this.maxLifeTime = maxLifeTime;
		}

		public @Nullable Duration getMaxAcquireTime() {
			return this.maxAcquireTime;
		}

		public void setMaxAcquireTime(@Nullable Duration maxAcquireTime) {
			this.maxAcquireTime = maxAcquireTime;
		}

		public @Nullable Duration getMaxCreateConnectionTime() {
			return this.maxCreateConnectionTime;
		}

		public void setMaxCreateConnectionTime(@Nullable Duration maxCreateConnectionTime) {
			this.maxCreateConnectionTime = maxCreateConnectionTime;
		}

		public @Nullable String getValidationQuery() {
			return this.validationQuery;
		}

		public void setValidationQuery(@Nullable String validationQuery) {
			this.validationQuery = validationQuery;
		}

		@Override
		public String toString() {
			return "Pool[initialSize=" + this.initialSize + ", maxSize=" + this.maxSize + "]";
		}

	}

	/** One app: its models and its default connection. */
	public static class App {

		/** Packages (every model class directly in them) or fully qualified model classes. */
		private List<String> models = new ArrayList<>();

		/** Connection the app's models use unless a router says otherwise. */
		private String defaultConnection = "default";

		public List<String> getModels() {
			return this.models;
		}

		public void setModels(List<String> models) {
			this.models = models;
		}

		public String getDefaultConnection() {
			return this.defaultConnection;
		}

		public void setDefaultConnection(String defaultConnection) {
			this.defaultConnection = defaultConnection;
		}

	}

}

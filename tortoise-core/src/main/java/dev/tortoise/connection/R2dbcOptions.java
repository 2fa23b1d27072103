package dev.tortoise.connection;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import dev.tortoise.config.ConnectionConfig;
import dev.tortoise.exceptions.ConfigurationException;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Option;

/** Turns a Tortoise {@link ConnectionConfig} into R2DBC connection factory options. */
final class R2dbcOptions {

	/** Tortoise keys that are handled here or by the pool, never passed to a driver as is. */
	private static final Set<String> HANDLED = Set.of("host", "port", "user", "password", "database", "file_path",
			"minsize", "maxsize", "min_size", "max_size", "ssl", "connect_timeout", "charset", "sql_mode", "schema",
			"journal_mode", "journal_size_limit", "url", "statement_timeout", "command_timeout");

	/** Parameters of Tortoise's Python drivers that mean nothing to R2DBC drivers. */
	private static final Set<String> PYTHON_ONLY = Set.of("max_queries", "max_inactive_connection_lifetime", "timeout",
			"statement_cache_size", "max_cached_statement_lifetime", "max_cacheable_statement_size", "echo",
			"no_delay", "use_unicode", "pool_recycle", "install_regexp_functions", "autocommit");

	private static final AtomicLong MEMORY_DATABASES = new AtomicLong();

	/** r2dbc-h2's option for database settings, {@code KEY=VALUE;KEY=VALUE}. */
	private static final Option<String> H2_SETTINGS = Option.valueOf("options");

	private R2dbcOptions() {
	}

	/** Whether the options describe an H2 in-memory database that lives until it is shut down. */
	static boolean isH2Memory(ConnectionFactoryOptions options) {
		return "h2".equals(options.getValue(ConnectionFactoryOptions.DRIVER))
				&& "mem".equals(options.getValue(ConnectionFactoryOptions.PROTOCOL));
	}

	static ConnectionFactoryOptions of(String name, ConnectionConfig config) {
		ConnectionFactoryOptions.Builder b;
		switch (config.engine()) {
			case ConnectionConfig.POSTGRES:
				b = server("postgresql", config);
				String schema = config.credential("schema");
				if (schema != null) {
					b.option(Option.valueOf("schema"), schema);
				}
				break;
			case ConnectionConfig.MYSQL:
				b = server("mysql", config);
				String sqlMode = config.credential("sql_mode");
				if (sqlMode != null && !sqlMode.isEmpty()) {
					b.option(Option.valueOf("sessionVariables"), new String[] { "sql_mode='" + sqlMode.replace("'", "") + "'" });
				}
				break;
			case ConnectionConfig.H2:
				b = h2(config);
				break;
			case ConnectionConfig.R2DBC:
				ConnectionFactoryOptions parsed = ConnectionFactoryOptions.parse(config.credential("url"));
				if ("pool".equals(parsed.getValue(ConnectionFactoryOptions.DRIVER))) {
					throw new ConfigurationException("Connection \"" + name + "\" uses an r2dbc:pool: URL. Tortoise"
							+ " pools every connection itself: drop \"pool:\" from the URL and set the pool with"
							+ " minsize/maxsize.");
				}
				return parsed;
			case ConnectionConfig.SQLITE:
				throw new ConfigurationException("Connection \"" + name + "\" uses engine sqlite, which has no R2DBC"
						+ " driver. Use an embedded H2 database instead: h2://path/to/file or h2://:memory:.");
			default:
				throw new ConfigurationException("Connection \"" + name + "\" has unknown engine \"" + config.engine()
						+ "\".");
		}
		for (Map.Entry<String, Object> e : config.credentials().entrySet()) {
			if (!HANDLED.contains(e.getKey()) && !PYTHON_ONLY.contains(e.getKey())) {
				b.option(Option.valueOf(e.getKey()), e.getValue());
			}
		}
		return b.build();
	}

	private static ConnectionFactoryOptions.Builder server(String driver, ConnectionConfig config) {
		ConnectionFactoryOptions.Builder b = ConnectionFactoryOptions.builder()
			.option(ConnectionFactoryOptions.DRIVER, driver);
		String host = config.credential("host");
		b.option(ConnectionFactoryOptions.HOST, (host != null) ? host : "localhost");
		Object port = config.credentials().get("port");
		if (port != null) {
			b.option(ConnectionFactoryOptions.PORT, Integer.parseInt(port.toString().trim()));
		}
		String user = config.credential("user");
		if (user != null) {
			b.option(ConnectionFactoryOptions.USER, user);
		}
		String password = config.credential("password");
		if (password != null && !password.isEmpty()) {
			b.option(ConnectionFactoryOptions.PASSWORD, password);
		}
		String database = config.credential("database");
		if (database != null) {
			b.option(ConnectionFactoryOptions.DATABASE, database);
		}
		Object ssl = config.credentials().get("ssl");
		if (ssl != null) {
			b.option(ConnectionFactoryOptions.SSL, Boolean.parseBoolean(ssl.toString()));
		}
		Object timeout = config.credentials().get("connect_timeout");
		if (timeout != null) {
			double seconds = Double.parseDouble(timeout.toString());
			b.option(ConnectionFactoryOptions.CONNECT_TIMEOUT, Duration.ofMillis(Math.round(seconds * 1000)));
		}
		return b;
	}

	private static ConnectionFactoryOptions.Builder h2(ConnectionConfig config) {
		String path = config.credential("file_path");
		ConnectionFactoryOptions.Builder b = ConnectionFactoryOptions.builder()
			.option(ConnectionFactoryOptions.DRIVER, "h2");
		// Unquoted names fold to lower case, as on PostgreSQL, so that hand-written SQL finds
		// the lower-case tables and columns Tortoise creates.
		String settings = "DATABASE_TO_LOWER=TRUE";
		if (":memory:".equals(path)) {
			// One database for every connection of the pool, kept until the context shuts it down.
			return b.option(ConnectionFactoryOptions.PROTOCOL, "mem")
				.option(ConnectionFactoryOptions.DATABASE, "tortoise_" + MEMORY_DATABASES.incrementAndGet())
				.option(H2_SETTINGS, settings + ";DB_CLOSE_DELAY=-1");
		}
		String file = path;
		if (!Path.of(path).isAbsolute() && !path.startsWith("./") && !path.startsWith("../") && !path.startsWith("~")) {
			file = "./" + path; // H2 refuses implicitly relative paths
		}
		return b.option(ConnectionFactoryOptions.PROTOCOL, "file")
			.option(ConnectionFactoryOptions.DATABASE, file)
			.option(H2_SETTINGS, settings);
	}

}

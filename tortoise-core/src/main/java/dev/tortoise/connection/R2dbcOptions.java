package dev.tortoise.connection;

import java.util.Map;
import java.util.Set;

import dev.tortoise.config.ConnectionConfig;
import dev.tortoise.exceptions.ConfigurationException;
import dev.tortoise.schema.Dialect;
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

	private R2dbcOptions() {
	}

	static ConnectionFactoryOptions of(String name, ConnectionConfig config) {
		ConnectionFactoryOptions.Builder b;
		switch (config.engine()) {
			case ConnectionConfig.R2DBC:
				ConnectionFactoryOptions parsed = ConnectionFactoryOptions.parse(config.credential("url"));
				if ("pool".equals(parsed.getValue(ConnectionFactoryOptions.DRIVER))) {
					throw new ConfigurationException("Connection \"" + name + "\" uses an r2dbc:pool: URL. Tortoise"
							+ " pools every connection itself: drop \"pool:\" from the URL and set the pool with"
							+ " minsize/maxsize.");
				}
				return parsed;
			default:
				b = Dialect.forEngine(config.engine()).r2dbcOptions(config);
		}
		for (Map.Entry<String, Object> e : config.credentials().entrySet()) {
			if (!HANDLED.contains(e.getKey()) && !PYTHON_ONLY.contains(e.getKey())) {
				b.option(Option.valueOf(e.getKey()), e.getValue());
			}
		}
		return b.build();
	}

}

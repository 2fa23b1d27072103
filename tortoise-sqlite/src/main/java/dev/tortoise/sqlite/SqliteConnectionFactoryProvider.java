package dev.tortoise.sqlite;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.ConnectionFactoryProvider;
import io.r2dbc.spi.Option;

/**
 * The {@code sqlite} R2DBC driver: {@code r2dbc:sqlite:///data/app.db} (a path relative to
 * the working directory), {@code r2dbc:sqlite:////var/db/app.db} (absolute),
 * {@code r2dbc:sqlite:///:memory:}. Options: {@code pragmas} (a map, or
 * {@code name=value;name=value}), any of the common pragmas by name, {@code busyTimeout}
 * (a Duration or milliseconds), {@code unicodeCase} and {@code callerRuns}.
 */
public final class SqliteConnectionFactoryProvider implements ConnectionFactoryProvider {

	/** The driver name, {@code sqlite}. */
	public static final String DRIVER = "sqlite";

	/** Pragmas for every connection: a {@code Map}, or text {@code name=value;name=value}. */
	public static final Option<Object> PRAGMAS = Option.valueOf("pragmas");

	/** How long a statement waits for a lock: a {@code Duration}, or milliseconds. */
	public static final Option<Object> BUSY_TIMEOUT = Option.valueOf("busyTimeout");

	/** Whether {@code lower()}/{@code upper()} map all of Unicode (default true). */
	public static final Option<Object> UNICODE_CASE = Option.valueOf("unicodeCase");

	/** See {@link SqliteConnectionFactory.Builder#callerRuns}. */
	public static final Option<Object> CALLER_RUNS = Option.valueOf("callerRuns");

	/** Pragmas that may also be given as options of their own, e.g. in a URL's query. */
	static final List<String> COMMON_PRAGMAS = List.of("journal_mode", "journal_size_limit", "foreign_keys",
			"synchronous", "busy_timeout", "cache_size", "case_sensitive_like", "temp_store", "mmap_size",
			"locking_mode", "auto_vacuum", "secure_delete");

	public SqliteConnectionFactoryProvider() {
	}

	@Override
	public SqliteConnectionFactory create(ConnectionFactoryOptions options) {
		Object database = options.getValue(ConnectionFactoryOptions.DATABASE);
		if (database == null || database.toString().isBlank()) {
			throw new IllegalArgumentException("An SQLite connection needs a database: a file's path or :memory:.");
		}
		SqliteConnectionFactory.Builder b = SqliteConnectionFactory.builder(database.toString());
		Object pragmas = options.getValue(PRAGMAS);
		if (pragmas instanceof Map<?, ?> map) {
			map.forEach((k, v) -> b.pragma(k.toString(), v));
		}
		else if (pragmas != null) {
			for (String pair : pragmas.toString().split(";")) {
				if (!pair.isBlank()) {
					int eq = pair.indexOf('=');
					if (eq < 0) {
						throw new IllegalArgumentException("Invalid SQLite pragmas \"" + pragmas
								+ "\": write name=value pairs separated by semicolons.");
					}
					b.pragma(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
				}
			}
		}
		for (String name : COMMON_PRAGMAS) {
			Object value = options.getValue(Option.valueOf(name));
			if (value != null) {
				b.pragma(name, value);
			}
		}
		Object busy = options.getValue(BUSY_TIMEOUT);
		if (busy != null) {
			b.busyTimeout((busy instanceof Duration d) ? d : Duration.ofMillis(Long.parseLong(busy.toString().trim())));
		}
		Object unicode = options.getValue(UNICODE_CASE);
		if (unicode != null) {
			b.unicodeCase(Boolean.parseBoolean(unicode.toString()));
		}
		Object callerRuns = options.getValue(CALLER_RUNS);
		if (callerRuns != null) {
			b.callerRuns(Boolean.parseBoolean(callerRuns.toString()));
		}
		return b.build();
	}

	@Override
	public boolean supports(ConnectionFactoryOptions options) {
		return DRIVER.equals(options.getValue(ConnectionFactoryOptions.DRIVER));
	}

	@Override
	public String getDriver() {
		return DRIVER;
	}

}

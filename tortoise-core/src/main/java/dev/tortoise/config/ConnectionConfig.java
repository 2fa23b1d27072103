package dev.tortoise.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.tortoise.exceptions.ConfigurationException;
import dev.tortoise.schema.Dialect;
import org.jspecify.annotations.Nullable;

/**
 * One database connection as Tortoise describes it: an engine and credentials with
 * Tortoise's keys ({@code host port user password database file_path minsize maxsize ...}),
 * plus pool settings. Immutable. {@link #toString()} never shows the password.
 */
public final class ConnectionConfig {

	/** Engine of PostgreSQL connections. */
	public static final String POSTGRES = "postgres";

	/** Engine of MySQL and MariaDB connections. */
	public static final String MYSQL = "mysql";

	/** Engine of embedded H2 connections. */
	public static final String H2 = "h2";

	/** Engine of embedded SQLite connections. */
	public static final String SQLITE = "sqlite";

	/** Engine of connections given as a plain {@code r2dbc:} URL (credential {@code url}). */
	public static final String R2DBC = "r2dbc";

	/** The engine that has no dialect of its own: plain R2DBC URLs, whose dialect is their driver's. */
	private static final Map<String, String> OTHER_ENGINES = Map.of(R2DBC, R2DBC);

	private static final Set<String> SECRET_KEYS = Set.of("password", "ssl_key_password", "sslKeyPassword");

	private final String engine;

	private final Map<String, Object> credentials;

	private final PoolSettings pool;

	private ConnectionConfig(String engine, Map<String, Object> credentials, PoolSettings pool) {
		this.engine = engine;
		this.credentials = Collections.unmodifiableMap(new LinkedHashMap<>(credentials));
		this.pool = pool;
	}

	/**
	 * A connection from an engine name (Tortoise's {@code tortoise.backends.asyncpg} and the
	 * like, or a short name: {@code postgres}, {@code mysql}, {@code h2}, {@code sqlite},
	 * {@code r2dbc}) and credentials. Pool sizes come from {@code minsize}/{@code maxsize}
	 * ({@code min_size}/{@code max_size}) when present.
	 * @throws ConfigurationException for an unknown engine or a pool size that is not a number
	 */
	public static ConnectionConfig of(String engine, Map<String, ?> credentials) {
		String canonical = canonicalEngine(engine);
		Map<String, Object> copy = new LinkedHashMap<>(credentials);
		PoolSettings pool = PoolSettings.DEFAULTS;
		Integer min = intParam(copy, "minsize", "min_size");
		Integer max = intParam(copy, "maxsize", "max_size");
		if (min != null) {
			pool = pool.withInitialSize(min);
		}
		if (max != null) {
			pool = pool.withMaxSize(max);
		}
		if (max != null && min == null && pool.initialSize() > max) {
			pool = pool.withInitialSize(max);
		}
		Duration statementTimeout = secondsParam(copy, "statement_timeout", "command_timeout");
		if (statementTimeout != null) {
			pool = pool.withStatementTimeout(statementTimeout);
		}
		return new ConnectionConfig(canonical, copy, pool).validated();
	}

	/** The short engine name for one of the accepted engine names. */
	public static String canonicalEngine(@Nullable String engine) {
		String name = (engine != null) ? engine.trim().toLowerCase(Locale.ROOT) : "";
		Dialect dialect = Dialect.find(name);
		String canonical = (dialect != null) ? dialect.name() : OTHER_ENGINES.get(name);
		if (canonical == null) {
			List<String> names = new ArrayList<>(Dialect.all().stream().map(Dialect::name).toList());
			names.add(R2DBC);
			List<String> backends = new ArrayList<>();
			Dialect.all().forEach((d) -> d.aliases().stream().filter((a) -> a.startsWith("tortoise.")).sorted()
				.forEach(backends::add));
			throw new ConfigurationException("Unknown engine \"" + engine + "\". Use one of: " + String.join(", ", names)
					+ ", or Tortoise's " + String.join(", ", backends) + ".");
		}
		return canonical;
	}

	private static @Nullable Integer intParam(Map<String, Object> credentials, String... keys) {
		for (String key : keys) {
			Object value = credentials.get(key);
			if (value != null) {
				try {
					return (value instanceof Number n) ? n.intValue() : Integer.valueOf(value.toString().trim());
				}
				catch (NumberFormatException ex) {
					throw new ConfigurationException("Parameter " + key + " must be an integer, got \"" + value + "\".");
				}
			}
		}
		return null;
	}

	/** A time in seconds (Tortoise's and asyncpg's unit), fractions allowed; 0 means none. */
	private static @Nullable Duration secondsParam(Map<String, Object> credentials, String... keys) {
		for (String key : keys) {
			Object value = credentials.get(key);
			if (value != null) {
				double seconds;
				try {
					seconds = (value instanceof Number n) ? n.doubleValue() : Double.parseDouble(value.toString().trim());
				}
				catch (NumberFormatException ex) {
					throw new ConfigurationException("Parameter " + key + " must be a number of seconds, got \"" + value
							+ "\".");
				}
				if (seconds < 0 || Double.isNaN(seconds) || Double.isInfinite(seconds)) {
					throw new ConfigurationException("Parameter " + key + " must be a number of seconds of 0 or more,"
							+ " got \"" + value + "\".");
				}
				return (seconds == 0) ? null : Duration.ofNanos(Math.round(seconds * 1_000_000_000d));
			}
		}
		return null;
	}

	private static void requireNotNegative(String what, java.time.@Nullable Duration duration) {
		if (duration != null && duration.isNegative()) {
			throw new ConfigurationException("Pool " + what + " must not be negative, got " + duration + ".");
		}
	}

	private ConnectionConfig validated() {
		if (this.pool.maxSize() < 1) {
			throw new ConfigurationException("Pool maxsize must be at least 1, got " + this.pool.maxSize() + ".");
		}
		if (this.pool.initialSize() < 0 || this.pool.initialSize() > this.pool.maxSize()) {
			throw new ConfigurationException("Pool minsize must be between 0 and maxsize (" + this.pool.maxSize()
					+ "), got " + this.pool.initialSize() + ".");
		}
		requireNotNegative("max idle time", this.pool.maxIdleTime());
		requireNotNegative("max life time", this.pool.maxLifeTime());
		requireNotNegative("max acquire time", this.pool.maxAcquireTime());
		requireNotNegative("max create connection time", this.pool.maxCreateConnectionTime());
		requireNotNegative("statement timeout", this.pool.statementTimeout());
		Object port = this.credentials.get("port");
		if (port != null && !(port instanceof Number)) {
			try {
				Integer.parseInt(port.toString().trim());
			}
			catch (NumberFormatException ex) {
				throw new ConfigurationException("Port is not an integer: \"" + port + "\".");
			}
		}
		return this;
	}

	/** The short engine name: postgres, mysql, h2, sqlite or r2dbc. */
	public String engine() {
		return this.engine;
	}

	/** Credentials with Tortoise's keys, as given (password included: do not log it). */
	public Map<String, Object> credentials() {
		return this.credentials;
	}

	/** One credential as text, or null. */
	public @Nullable String credential(String key) {
		Object value = this.credentials.get(key);
		return (value != null) ? value.toString() : null;
	}

	/** The pool settings. */
	public PoolSettings pool() {
		return this.pool;
	}

	/** A copy with other pool settings. */
	public ConnectionConfig withPool(PoolSettings pool) {
		return new ConnectionConfig(this.engine, this.credentials, Objects.requireNonNull(pool)).validated();
	}

	/** A copy with one credential set (null removes it). */
	public ConnectionConfig withCredential(String key, @Nullable Object value) {
		Map<String, Object> copy = new LinkedHashMap<>(this.credentials);
		if (value == null) {
			copy.remove(key);
		}
		else {
			copy.put(key, value);
		}
		return new ConnectionConfig(this.engine, copy, this.pool).validated();
	}

	/** The credentials with every secret replaced by {@code ******}, for logs and actuator output. */
	public Map<String, Object> maskedCredentials() {
		Map<String, Object> masked = new LinkedHashMap<>();
		this.credentials.forEach((k, v) -> masked.put(k, SECRET_KEYS.contains(k) ? "******"
				: (R2DBC.equals(this.engine) && "url".equals(k)) ? DbUrl.mask(String.valueOf(v)) : v));
		return masked;
	}

	@Override
	public boolean equals(Object o) {
		return (o instanceof ConnectionConfig c) && c.engine.equals(this.engine) && c.credentials.equals(this.credentials)
				&& c.pool.equals(this.pool);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.engine, this.credentials, this.pool);
	}

	@Override
	public String toString() {
		return "ConnectionConfig[engine=" + this.engine + ", credentials=" + maskedCredentials() + ", pool=" + this.pool
				+ "]";
	}

}

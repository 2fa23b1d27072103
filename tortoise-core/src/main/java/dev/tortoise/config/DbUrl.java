package dev.tortoise.config;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.tortoise.exceptions.ConfigurationException;
import dev.tortoise.schema.Dialect;
import io.r2dbc.spi.ConnectionFactoryOptions;
import org.jspecify.annotations.Nullable;

/**
 * Parses database URLs with Tortoise ORM's rules ({@code expand_db_url}):
 * {@code postgres|postgresql|asyncpg|psycopg://user:pass@host:port/db?params},
 * {@code mysql|mariadb://...}, {@code sqlite://path}, {@code h2://path} and
 * {@code h2://:memory:}, and any {@code r2dbc:} or {@code r2dbcs:} URL as is.
 * Default ports are filled in, percent-encoded parts decoded, known parameters typed and
 * the others kept for the driver.
 */
public final class DbUrl {

	private static final Set<String> INT_PARAMS = Set.of("minsize", "maxsize", "min_size", "max_size", "max_queries",
			"timeout", "statement_cache_size", "max_cached_statement_lifetime", "max_cacheable_statement_size",
			"pool_recycle", "journal_size_limit");

	private static final Set<String> FLOAT_PARAMS = Set.of("connect_timeout", "max_inactive_connection_lifetime",
			"statement_timeout", "command_timeout");

	private static final Set<String> BOOL_PARAMS = Set.of("ssl", "echo", "no_delay", "use_unicode",
			"install_regexp_functions");

	private static final Pattern PASSWORD = Pattern.compile("(://[^:/@?#]*:)[^@/]*@");

	private DbUrl() {
	}

	/**
	 * Parses a database URL.
	 * @throws ConfigurationException for an unknown scheme, a port that is not a number,
	 * a missing database or path, or a parameter of the wrong type; the message never
	 * shows the password
	 */
	public static ConnectionConfig parse(String url) {
		if (url == null || url.isBlank()) {
			throw new ConfigurationException("The database URL is empty. Give one like"
					+ " postgres://user:password@host:5432/database.");
		}
		String trimmed = url.trim();
		String lower = trimmed.toLowerCase(Locale.ROOT);
		if (lower.startsWith("r2dbc:") || lower.startsWith("r2dbcs:")) {
			try {
				ConnectionFactoryOptions.parse(trimmed);
			}
			catch (RuntimeException ex) {
				throw new ConfigurationException("Invalid R2DBC URL \"" + mask(trimmed) + "\": " + ex.getMessage());
			}
			return ConnectionConfig.of(ConnectionConfig.R2DBC, Map.of("url", trimmed));
		}
		int schemeEnd = trimmed.indexOf("://");
		if (schemeEnd <= 0) {
			throw new ConfigurationException("Database URL \"" + mask(trimmed) + "\" has no scheme. Start it with"
					+ " postgres://, mysql://, h2://, sqlite:// or r2dbc:.");
		}
		String scheme = lower.substring(0, schemeEnd);
		String engine;
		try {
			engine = ConnectionConfig.canonicalEngine(scheme);
		}
		catch (ConfigurationException ex) {
			throw new ConfigurationException("Unknown DB scheme: " + scheme + " (in \"" + mask(trimmed)
					+ "\"). Use postgres, postgresql, asyncpg, psycopg, mysql, mariadb, h2, sqlite or r2dbc.");
		}
		if (ConnectionConfig.R2DBC.equals(engine)) {
			throw new ConfigurationException("An R2DBC URL starts with \"r2dbc:\", not \"r2dbc://\".");
		}
		String rest = trimmed.substring(schemeEnd + 3);
		String query = "";
		int q = rest.indexOf('?');
		if (q >= 0) {
			query = rest.substring(q + 1);
			rest = rest.substring(0, q);
		}
		Map<String, Object> credentials = new LinkedHashMap<>();
		Dialect dialect = Dialect.find(engine);
		if (dialect != null && dialect.embedded()) {
			String path = decode(rest);
			if (path.isEmpty()) {
				throw new ConfigurationException("No path specified for DB_URL \"" + mask(trimmed) + "\". Write "
						+ scheme + "://path/to/file or " + scheme + "://:memory:.");
			}
			credentials.put("file_path", path);
			dialect.urlDefaults(credentials);
		}
		else {
			parseServer(trimmed, dialect, rest, credentials);
		}
		parseQuery(trimmed, query, credentials);
		return ConnectionConfig.of(engine, credentials);
	}

	private static void parseServer(String url, @Nullable Dialect dialect, String rest, Map<String, Object> credentials) {
		int slash = rest.indexOf('/');
		String netloc = (slash >= 0) ? rest.substring(0, slash) : rest;
		String database = (slash >= 0) ? decode(rest.substring(slash + 1)) : "";
		String hostPort = netloc;
		int at = netloc.lastIndexOf('@');
		if (at >= 0) {
			String userInfo = netloc.substring(0, at);
			hostPort = netloc.substring(at + 1);
			int colon = userInfo.indexOf(':');
			if (colon >= 0) {
				credentials.put("user", decode(userInfo.substring(0, colon)));
				credentials.put("password", decode(userInfo.substring(colon + 1)));
			}
			else if (!userInfo.isEmpty()) {
				credentials.put("user", decode(userInfo));
			}
		}
		String host = hostPort;
		String port = null;
		if (hostPort.startsWith("[")) {
			int close = hostPort.indexOf(']');
			if (close < 0 || (close + 1 < hostPort.length() && hostPort.charAt(close + 1) != ':')) {
				// Python's urlparse refuses it too ("Invalid IPv6 URL"); never guess localhost.
				throw new ConfigurationException("The host of \"" + mask(url) + "\" is not valid: an IPv6 address is"
						+ " written in brackets, [::1], optionally followed by :port.");
			}
			host = hostPort.substring(1, close);
			if (close + 1 < hostPort.length()) {
				port = hostPort.substring(close + 2);
			}
		}
		else if (hostPort.indexOf('[') >= 0 || hostPort.indexOf(']') >= 0) {
			throw new ConfigurationException("The host of \"" + mask(url) + "\" is not valid: brackets belong around"
					+ " a whole IPv6 address, [::1].");
		}
		else {
			int colon = hostPort.lastIndexOf(':');
			if (colon >= 0) {
				host = hostPort.substring(0, colon);
				port = hostPort.substring(colon + 1);
			}
		}
		if (host.isEmpty()) {
			host = "localhost";
		}
		int portNumber = (dialect != null) ? dialect.defaultPort() : 5432;
		if (port != null && !port.isEmpty()) {
			try {
				portNumber = Integer.parseInt(port);
			}
			catch (NumberFormatException ex) {
				throw new ConfigurationException("Port is not an integer: \"" + port + "\" in \"" + mask(url) + "\".");
			}
			if (portNumber < 1 || portNumber > 65535) {
				throw new ConfigurationException("Port out of range 1-65535: " + portNumber + " in \"" + mask(url) + "\".");
			}
		}
		credentials.put("host", decode(host));
		credentials.put("port", portNumber);
		if (!database.isEmpty()) {
			credentials.put("database", database); // without one, the server's default for the user
		}
		if (dialect != null) {
			dialect.urlDefaults(credentials);
		}
	}

	private static void parseQuery(String url, String query, Map<String, Object> credentials) {
		if (query.isEmpty()) {
			return;
		}
		for (String pair : query.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int eq = pair.indexOf('=');
			String key = decode((eq >= 0) ? pair.substring(0, eq) : pair);
			String value = (eq >= 0) ? decode(pair.substring(eq + 1)) : "";
			credentials.put(key, typed(url, key, value));
		}
	}

	private static Object typed(String url, String key, String value) {
		try {
			if (INT_PARAMS.contains(key)) {
				return Integer.valueOf(value.trim());
			}
			if (FLOAT_PARAMS.contains(key)) {
				return Double.valueOf(value.trim());
			}
		}
		catch (NumberFormatException ex) {
			throw new ConfigurationException("Parameter " + key + " must be a number, got \"" + value + "\" in \""
					+ mask(url) + "\".");
		}
		if (BOOL_PARAMS.contains(key)) {
			switch (value.trim().toLowerCase(Locale.ROOT)) {
				case "true", "1", "yes", "on":
					return Boolean.TRUE;
				case "false", "0", "no", "off", "":
					return Boolean.FALSE;
				default:
					throw new ConfigurationException("Parameter " + key + " must be true or false, got \"" + value
							+ "\" in \"" + mask(url) + "\".");
			}
		}
		return value;
	}

	/** Percent-decoding as Python's {@code unquote}: {@code +} stays a plus sign. */
	static String decode(String s) {
		if (s.indexOf('%') < 0) {
			return s;
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			if (c == '%' && i + 2 < s.length() && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2))) {
				out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
				i += 2;
			}
			else {
				byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
				out.write(bytes, 0, bytes.length);
			}
		}
		return out.toString(StandardCharsets.UTF_8);
	}

	private static boolean isHex(char c) {
		return Character.digit(c, 16) >= 0;
	}

	/** The URL with its password replaced by {@code ******}, safe for messages and logs. */
	public static String mask(String url) {
		return PASSWORD.matcher(url).replaceFirst("$1******@");
	}

}

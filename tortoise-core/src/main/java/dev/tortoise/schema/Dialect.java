package dev.tortoise.schema;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.tortoise.config.ConnectionConfig;
import dev.tortoise.exceptions.ConfigurationException;
import dev.tortoise.fields.FieldType;
import dev.tortoise.models.FieldMeta;
import org.jspecify.annotations.Nullable;

/**
 * The SQL of one database: identifier quoting, column types (Tortoise's per-dialect
 * mapping), and how CREATE TABLE statements are laid out.
 */
public abstract class Dialect {

	Dialect() {
	}

	/** The dialect for a connection engine ({@code postgres}, {@code mysql}, {@code h2}). */
	public static Dialect forEngine(String engine) {
		switch (engine) {
			case ConnectionConfig.POSTGRES:
				return PostgresDialect.INSTANCE;
			case ConnectionConfig.MYSQL:
				return MySqlDialect.INSTANCE;
			case ConnectionConfig.H2:
				return H2Dialect.INSTANCE;
			default:
				throw new ConfigurationException("No SQL dialect for engine \"" + engine
						+ "\". Tortoise for Java supports postgres, mysql (and MariaDB) and h2.");
		}
	}

	/** The dialect for an R2DBC driver name ({@code postgresql}, {@code mysql}, {@code mariadb}, {@code h2}). */
	public static @Nullable Dialect forDriver(String driver) {
		switch (driver) {
			case "postgresql":
			case "postgres":
			case "pool:postgresql":
				return PostgresDialect.INSTANCE;
			case "mysql":
			case "mariadb":
				return MySqlDialect.INSTANCE;
			case "h2":
				return H2Dialect.INSTANCE;
			default:
				return null;
		}
	}

	/** The dialect's name, e.g. {@code postgres}. */
	public abstract String name();

	/** Quotes an identifier. */
	public abstract String quote(String identifier);

	/**
	 * The placeholder of the {@code index}-th bound value (1-based) for a column of the
	 * given type: {@code $1} on PostgreSQL and H2, {@code ?} on MySQL.
	 */
	public String placeholder(int index, @Nullable FieldType type) {
		return "$" + index;
	}

	/**
	 * Whether a list of values of the type is bound as one array ({@link #anyOf}) rather
	 * than one value at a time ({@code IN ($1, $2, ...)}). One array keeps a statement's
	 * text the same whatever the list's length, so it is written and prepared once.
	 */
	public boolean bindsArray(FieldType type) {
		return false;
	}

	/** {@code column} equals one element of the array bound at {@code placeholder}. */
	public String anyOf(String column, String placeholder) {
		throw new UnsupportedOperationException(name() + " binds lists one value at a time.");
	}

	/** {@code column LIKE pattern}, case-sensitive; the pattern escapes with a backslash. */
	public String like(String column, String pattern) {
		return column + " LIKE " + pattern;
	}

	/** {@code column LIKE pattern}, ignoring case. */
	public String ilike(String column, String pattern) {
		return column + " ILIKE " + pattern;
	}

	/** The paging clause with its leading space, or an empty string. */
	public String limitOffset(@Nullable Long limit, @Nullable Long offset) {
		if (limit == null && offset == null) {
			return "";
		}
		return " LIMIT " + ((limit != null) ? limit : Long.MAX_VALUE) + ((offset != null) ? " OFFSET " + offset : "");
	}

	/** Column types that take no parameters, Tortoise's per-dialect mapping. */
	abstract Map<FieldType, String> types();

	/** The column type of a field of the given type. */
	String columnType(FieldType type, FieldMeta field) {
		switch (type) {
			case CHAR:
			case CHAR_ENUM:
				return "VARCHAR(" + field.maxLength() + ")";
			case DECIMAL:
				return "DECIMAL(" + field.maxDigits() + "," + field.decimalPlaces() + ")";
			case INT_ENUM:
				return types().get(FieldType.SMALLINT);
			default:
				String sql = types().get(type);
				if (sql == null) {
					throw new IllegalArgumentException("No " + name() + " type for " + type);
				}
				return sql;
		}
	}

	/** The type and constraints of a generated primary key, e.g. {@code SERIAL NOT NULL PRIMARY KEY}. */
	abstract String generatedPrimaryKey(FieldType type);

	/** The statements creating a table, its indexes and comments, each ending with a semicolon. */
	abstract List<String> createTable(TableSpec table, boolean safe);

	/** The statements creating a through table. */
	abstract List<String> createThrough(TableSpec.Through through, boolean safe);

	/** The column list of an index or key, quoted. */
	final String columnList(List<String> columns) {
		return columns.stream().map(this::quote).collect(Collectors.joining(", "));
	}

	/** Tortoise's index name: {@code {prefix}_{table[:11]}_{column0[:7]}_{sha256(table;columns)[:6]}}. */
	static String indexName(String prefix, String table, List<String> columns) {
		StringBuilder key = new StringBuilder(table);
		columns.forEach((c) -> key.append(';').append(c));
		return prefix + "_" + head(table, 11) + "_" + head(columns.get(0), 7) + "_" + hash(key.toString(), 6);
	}

	/** Tortoise's MySQL foreign-key name: {@code fk_{from[:8]}_{to[:8]}_{sha256(from;col;to;col)[:8]}}. */
	static String foreignKeyName(String fromTable, String fromColumn, String toTable, String toColumn) {
		return "fk_" + head(fromTable, 8) + "_" + head(toTable, 8) + "_"
				+ hash(fromTable + ";" + fromColumn + ";" + toTable + ";" + toColumn, 8);
	}

	private static String head(String s, int n) {
		return (s.length() <= n) ? s : s.substring(0, n);
	}

	private static String hash(String s, int length) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest).substring(0, length);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

	/**
	 * Tortoise's column: {@code "{name}" {type} [NOT NULL] [UNIQUE] [PRIMARY KEY]}, or the
	 * dialect's generated-key form. Auto-now datetimes get no database default: Tortoise
	 * sets them when it writes.
	 */
	final String columnSql(TableSpec.Column c) {
		if (c.generatedType() != null) {
			return quote(c.name()) + " " + c.generatedType();
		}
		StringBuilder sql = new StringBuilder(quote(c.name())).append(' ').append(c.type());
		if (!c.nullable()) {
			sql.append(" NOT NULL");
		}
		if (c.unique()) {
			sql.append(" UNIQUE");
		}
		if (c.pk()) {
			sql.append(" PRIMARY KEY");
		}
		return sql.toString();
	}

}

package dev.tortoise.schema;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.tortoise.config.ConnectionConfig;
import dev.tortoise.fields.FieldType;
import dev.tortoise.models.FieldMeta;
import dev.tortoise.query.sql.Context;
import dev.tortoise.query.sql.Part;
import dev.tortoise.query.sql.Value;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcTimeoutException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * SQLite, through Tortoise's own driver ({@code dev.tortoise:tortoise-sqlite}), with
 * Tortoise's SQLite schema: its column types ({@code INTEGER PRIMARY KEY AUTOINCREMENT},
 * {@code VARCHAR(40)} decimals, {@code REAL} floats, {@code INT} booleans), references
 * inline, comments as SQL comments. Values are stored as Python's sqlite3 stores them (the
 * driver's doing), so a file is shared with a Python service on Tortoise ORM. Decimals are
 * text: they are compared and ordered as numbers ({@code CAST(... AS NUMERIC)}). LIKE is
 * made case-sensitive on every connection ({@code case_sensitive_like}), as on the other
 * databases, and {@code icontains} and friends compare {@code lower()} of both sides, which
 * the driver maps for all of Unicode, not only ASCII as SQLite's own does.
 */
public class SqliteDialect extends Dialect {

	/** Credentials that are not SQLite pragmas: the file, the pool, time-outs, and Python-only settings. */
	private static final Set<String> NOT_PRAGMAS = Set.of("file_path", "minsize", "maxsize", "min_size", "max_size",
			"statement_timeout", "command_timeout", "connection_name", "url", "timeout", "isolation_level",
			"check_same_thread", "cached_statements", "uri", "install_regexp_functions", "echo", "autocommit",
			"unicode_case", "caller_runs");

	/** Found through {@link java.util.ServiceLoader}; use {@link Dialect#forEngine}. */
	public SqliteDialect() {
	}

	@Override
	public String name() {
		return "sqlite";
	}

	@Override
	public Set<String> aliases() {
		return Set.of("sqlite3", "tortoise.backends.sqlite");
	}

	@Override
	public Set<String> drivers() {
		return Set.of("sqlite");
	}

	@Override
	public String driverArtifact() {
		return "dev.tortoise:tortoise-sqlite";
	}

	@Override
	public boolean embedded() {
		return true;
	}

	/** Tortoise's defaults for a {@code sqlite://} URL: WAL, with a journal size limit. */
	@Override
	public void urlDefaults(Map<String, Object> credentials) {
		credentials.putIfAbsent("journal_mode", "WAL");
		credentials.putIfAbsent("journal_size_limit", 16384);
	}

	/** The database file by xerial's sqlite-jdbc; none for an in-memory database. */
	@Override
	public @Nullable String jdbcUrl(ConnectionFactoryOptions options) {
		Object path = options.getValue(ConnectionFactoryOptions.DATABASE);
		return (path == null || path.toString().startsWith(":memory:")) ? null : "jdbc:sqlite:" + path;
	}

	/**
	 * The file and, as Tortoise's SQLite client does, every other credential as a pragma
	 * (defaults: {@code journal_mode=WAL}, {@code journal_size_limit=16384},
	 * {@code foreign_keys=ON}); {@code case_sensitive_like=ON} unless set.
	 */
	@Override
	public ConnectionFactoryOptions.Builder r2dbcOptions(ConnectionConfig config) {
		String path = config.credential("file_path");
		Map<String, Object> pragmas = new LinkedHashMap<>();
		pragmas.put("journal_mode", "WAL");
		pragmas.put("journal_size_limit", 16384);
		pragmas.put("foreign_keys", "ON");
		pragmas.put("case_sensitive_like", "ON");
		config.credentials().forEach((k, v) -> {
			if (!NOT_PRAGMAS.contains(k) && v != null) {
				pragmas.put(k, v);
			}
		});
		if (":memory:".equals(path)) {
			pragmas.remove("journal_mode");
			pragmas.remove("journal_size_limit");
		}
		ConnectionFactoryOptions.Builder options = ConnectionFactoryOptions.builder()
			.option(ConnectionFactoryOptions.DRIVER, "sqlite")
			.option(ConnectionFactoryOptions.DATABASE, (path != null) ? path : ":memory:")
			.option(io.r2dbc.spi.Option.valueOf("pragmas"), pragmas);
		Object unicodeCase = config.credentials().get("unicode_case");
		if (unicodeCase != null) {
			// Our connections' Unicode lower()/upper() (default), or SQLite's ASCII-only ones.
			options.option(io.r2dbc.spi.Option.valueOf("unicodeCase"), unicodeCase.toString());
		}
		Object callerRuns = config.credentials().get("caller_runs");
		if (callerRuns != null) {
			options.option(io.r2dbc.spi.Option.valueOf("callerRuns"), callerRuns.toString());
		}
		return options;
	}

	@Override
	public String quote(String identifier) {
		return "\"" + identifier.replace("\"", "\"\"") + "\"";
	}

	@Override
	public String placeholder(int index, @Nullable FieldType type) {
		return "?";
	}

	/** {@code LIKE ... ESCAPE '\'}: SQLite has no escape character unless told; ignoring case, both sides lower-cased. */
	@Override
	public void renderLike(Context ctx, Part operand, Value pattern, boolean ignoreCase) {
		if (ignoreCase) {
			ctx.sql("lower(").visit(operand).sql(") LIKE lower(").visit(pattern).sql(") ESCAPE '\\'");
		}
		else {
			ctx.visit(operand).sql(" LIKE ").visit(pattern).sql(" ESCAPE '\\'");
		}
	}

	/**
	 * Decimals are text (Tortoise's VARCHAR(40)), compared and ordered as numbers: the
	 * column is read as NUMERIC, so that the values it is compared with are too.
	 */
	@Override
	public void renderValueOf(Context ctx, Part operand, @Nullable FieldType type) {
		if (type == FieldType.DECIMAL) {
			ctx.sql("CAST(").visit(operand).sql(" AS NUMERIC)");
		}
		else {
			ctx.visit(operand);
		}
	}

	// --- values -----------------------------------------------------------------------------

	@Override
	public boolean datetimeReadAsText() {
		return true;
	}

	@Override
	public boolean timeHasOffset(FieldMeta field) {
		return field.javaType() == java.time.OffsetTime.class;
	}

	@Override
	public boolean uuidAsText() {
		return true;
	}

	/** SQLite's DDL is transactional: a schema is created whole or not at all. */
	@Override
	public boolean transactionalDdl() {
		return true;
	}

	@Override
	public String decimalType(int maxDigits, int decimalPlaces) {
		return "VARCHAR(40)";
	}

	// --- sessions ---------------------------------------------------------------------------

	/** SQLite's interrupt, from any thread, on the driver's own connection. */
	@Override
	public Mono<Void> cancel(Connection connection, @Nullable Object sessionId, ConnectionFactory unpooled) {
		return Mono.fromRunnable(() -> Interrupts.interrupt(connection));
	}

	/** The driver interrupts statements past the time-out. */
	@Override
	public Mono<Void> limitStatements(Connection connection, Duration timeout) {
		return Mono.from(connection.setStatementTimeout(timeout));
	}

	@Override
	public boolean isStatementTimeout(R2dbcException error) {
		return error instanceof R2dbcTimeoutException;
	}

	/** Loaded only when a statement is stopped, so that the dialect loads without the driver on the class path. */
	private static final class Interrupts {

		static void interrupt(Connection connection) {
			if (connection instanceof dev.tortoise.sqlite.SqliteConnection sqlite) {
				sqlite.interrupt();
			}
		}

	}

	// --- schema -----------------------------------------------------------------------------

	private static final Map<FieldType, String> TYPES = Map.ofEntries(
			Map.entry(FieldType.INT, "INT"),
			Map.entry(FieldType.BIGINT, "BIGINT"),
			Map.entry(FieldType.TIMEDELTA, "BIGINT"),
			Map.entry(FieldType.SMALLINT, "SMALLINT"),
			Map.entry(FieldType.DATE, "DATE"),
			Map.entry(FieldType.TEXT, "TEXT"),
			Map.entry(FieldType.BOOLEAN, "INT"),
			Map.entry(FieldType.FLOAT, "REAL"),
			Map.entry(FieldType.DATETIME, "TIMESTAMP"),
			Map.entry(FieldType.TIME, "TIME"),
			Map.entry(FieldType.UUID, "CHAR(36)"),
			Map.entry(FieldType.JSON, "JSON"),
			Map.entry(FieldType.BINARY, "BLOB"));

	@Override
	Map<FieldType, String> types() {
		return TYPES;
	}

	@Override
	String generatedPrimaryKey(FieldType type) {
		return "INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL";
	}

	@Override
	List<String> createTable(TableSpec table, boolean safe) {
		return inlineCreateTable(table, safe, SqliteDialect::comment);
	}

	@Override
	List<String> createThrough(TableSpec.Through t, boolean safe) {
		return inlineCreateThrough(t, safe, SqliteDialect::comment, List.of());
	}

	/**
	 * A comment as Tortoise writes one for SQLite, {@code  /* text *}{@code /}: escaped as its
	 * MySQL comments are, but with quotes left alone and every slash escaped, so that the
	 * text can never close the comment.
	 */
	static String comment(String text) {
		return text.isEmpty() ? "" : " /* " + tortoiseEscaped(text, "'", "\"", true) + " */";
	}

	/** SQLite has partial indexes, and no other kind than its B-tree. */
	@Override
	boolean supportsIndex(dev.tortoise.models.IndexType type, boolean partial) {
		return type == dev.tortoise.models.IndexType.DEFAULT;
	}

	/**
	 * SQLite has no row locks: a transaction that writes locks the whole database until it
	 * ends, so a selectForUpdate() reads without a clause, and the first write of its
	 * transaction waits for (or, past busy_timeout, fails on) any other writer.
	 */
	@Override
	public void renderLock(dev.tortoise.query.sql.Context ctx, dev.tortoise.query.sql.Select.Lock lock) {
	}

	@Override
	public String explain(String sql) {
		return "EXPLAIN QUERY PLAN " + sql;
	}

	/** SQLite before 3.44 has no CONCAT: its {@code ||}, each part NULL-safe as CONCAT elsewhere. */
	@Override
	public void renderFunction(dev.tortoise.query.sql.Context ctx, String function,
			java.util.List<dev.tortoise.query.sql.Part> args) {
		if (!function.equals("CONCAT")) {
			super.renderFunction(ctx, function, args);
			return;
		}
		ctx.sql('(');
		for (int i = 0; i < args.size(); i++) {
			ctx.sql((i > 0) ? " || " : "").sql("COALESCE(").visit(args.get(i)).sql(", '')");
		}
		ctx.sql(')');
	}

	/** SQLite keeps dates as text: {@code strftime} reads their parts (date-times in UTC, as it reads offsets). */
	@Override
	public void renderDatePart(dev.tortoise.query.sql.Context ctx, String part, dev.tortoise.query.sql.Part operand,
			FieldType type) {
		String format = switch (part) {
			case "year" -> "%Y";
			case "month", "quarter" -> "%m";
			case "week" -> "%V";
			case "day" -> "%d";
			case "week_day" -> "%w";
			case "hour" -> "%H";
			case "minute" -> "%M";
			default -> "%S";
		};
		String read = "CAST(strftime('" + format + "', ";
		switch (part) {
			case "quarter" -> ctx.sql("((").sql(read).visit(operand).sql(") AS INTEGER) + 2) / 3)");
			case "week_day" -> ctx.sql("(").sql(read).visit(operand).sql(") AS INTEGER) + 1)");
			default -> ctx.sql(read).visit(operand).sql(") AS INTEGER)");
		}
	}

	/** SQLite's REGEXP calls a function an application must supply; ours has none. */
	@Override
	public boolean hasRegex() {
		return false;
	}

	/** SQLite's catalog: each table of {@code sqlite_master} with its {@code pragma_table_info}. */
	@Override
	public String columnsQuery() {
		return "SELECT m.name, p.name, CASE WHEN p.\"notnull\" = 1 OR p.pk > 0 THEN 'NO' ELSE 'YES' END, p.type,"
				+ " p.dflt_value, NULL"
				+ " FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table'";
	}

	/** A unique index on one column: CREATE TABLE's own (origin {@code u}, which no statement drops) or made apart. */
	@Override
	public String uniqueColumnsQuery() {
		return "SELECT m.name, ii.name, il.name, CASE WHEN il.origin = 'u' THEN 'constraint' ELSE 'index' END"
				+ " FROM sqlite_master m JOIN pragma_index_list(m.name) il JOIN pragma_index_info(il.name) ii"
				+ " WHERE m.type = 'table' AND il.\"unique\" = 1 AND il.origin <> 'pk'"
				+ " AND (SELECT COUNT(*) FROM pragma_index_info(il.name)) = 1";
	}

	/** SQLite adds no constraint to an existing table: a unique index on the column does its work. */
	@Override
	String addUniqueColumn(TableSpec table, String column) {
		return "CREATE UNIQUE INDEX " + quote(indexName("uniq", table.table(), List.of(column))) + " ON "
				+ quote(table.table()) + " (" + quote(column) + ");";
	}

	@Override
	public String primaryKeysQuery() {
		return "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table'"
				+ " AND p.pk > 0";
	}

	@Override
	public String foreignKeysQuery() {
		return "SELECT m.name, f.\"from\", f.on_delete, NULL FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f"
				+ " WHERE m.type = 'table'";
	}

	/** SQLite adds or drops no constraint of an existing table. */
	@Override
	@Nullable String addForeignKey(TableSpec table, TableSpec.Column column) {
		return null;
	}

	@Override
	@Nullable String dropForeignKey(TableSpec table, String constraint) {
		return null;
	}

	/** SQLite keeps comments only inside its CREATE statements: they are not compared. */
	@Override
	public @Nullable String tableCommentsQuery() {
		return null;
	}

	/** Named indexes, and each table's CREATE statement, whose named constraints have no name elsewhere. */
	@Override
	public String indexesQuery() {
		return "SELECT tbl_name, name, NULL FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'"
				+ " UNION ALL SELECT name, NULL, sql FROM sqlite_master WHERE type = 'table'";
	}

	private static final java.util.regex.Pattern NAMED_CONSTRAINT = java.util.regex.Pattern
		.compile("CONSTRAINT \"((?:[^\"]|\"\")+)\" UNIQUE");

	@Override
	public List<Catalog.Index> catalogIndexes(String table, @Nullable String name, @Nullable String sql) {
		if (name != null) {
			return List.of(new Catalog.Index(table, name, false));
		}
		List<Catalog.Index> out = new java.util.ArrayList<>();
		java.util.regex.Matcher m = NAMED_CONSTRAINT.matcher((sql != null) ? sql : "");
		while (m.find()) {
			out.add(new Catalog.Index(table, m.group(1).replace("\"\"", "\""), true));
		}
		return out;
	}

	/** SQLite alters no column in place: a type, nullability or default change is a table rebuild. */
	@Override
	List<String> alterColumn(TableSpec table, TableSpec.Column column, boolean type, boolean nullability,
			boolean defaultValue, boolean comment) {
		return List.of();
	}

	/** SQLite adds no constraint to an existing table: a unique index does the same work. */
	@Override
	String addUnique(TableSpec table, String name, List<String> columns) {
		return "CREATE UNIQUE INDEX " + quote(name) + " ON " + quote(table.table()) + " (" + columnList(columns) + ");";
	}

	@Override
	@Nullable String dropIndex(TableSpec table, Catalog.Index index) {
		return index.constraint() ? null : "DROP INDEX " + quote(index.name()) + ";";
	}

	/** SQLite adds a NOT NULL column only with a default, even to an empty table. */
	@Override
	public boolean addsRequiredColumns() {
		return false;
	}

}

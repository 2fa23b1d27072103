package dev.tortoise.schema;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
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
import io.r2dbc.spi.Option;
import io.r2dbc.spi.R2dbcException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * MySQL and MariaDB, with Tortoise's layout: keys and named foreign-key constraints
 * inside CREATE TABLE, {@code CHARACTER SET utf8mb4}, inline comments.
 */
public final class MySqlDialect extends Dialect {

	/** Found through {@link java.util.ServiceLoader}; use {@link Dialect#forEngine}. */
	public MySqlDialect() {
	}

	/** {@code max_allowed_packet}: MariaDB refuses a larger statement and closes the connection. */
	@Override
	public String maxStatementBytesQuery() {
		return "SELECT @@max_allowed_packet";
	}

	@Override
	public Set<String> aliases() {
		return Set.of("mariadb", "tortoise.backends.mysql");
	}

	@Override
	public Set<String> drivers() {
		return Set.of("mysql", "mariadb");
	}

	@Override
	public String driverArtifact() {
		return "io.asyncer:r2dbc-mysql";
	}

	@Override
	public int defaultPort() {
		return 3306;
	}

	/** Tortoise's MySQL client: an empty password unless given, utf8mb4, strict mode. */
	@Override
	public void urlDefaults(Map<String, Object> credentials) {
		credentials.putIfAbsent("password", "");
		credentials.put("charset", "utf8mb4");
		credentials.put("sql_mode", "STRICT_TRANS_TABLES");
	}

	@Override
	public ConnectionFactoryOptions.Builder r2dbcOptions(ConnectionConfig config) {
		ConnectionFactoryOptions.Builder b = serverOptions("mysql", config);
		// r2dbc-mysql leaves Nagle's algorithm on, which holds larger statements back behind delayed
		// ACKs (a bulk INSERT: 56 ms instead of 12); asyncpg, aiomysql and r2dbc-postgresql turn it off.
		// A tcpNoDelay URL parameter still overrides it.
		b.option(Option.valueOf("tcpNoDelay"), true);
		String sqlMode = config.credential("sql_mode");
		if (sqlMode != null && !sqlMode.isEmpty()) {
			b.option(Option.valueOf("sessionVariables"), new String[] { "sql_mode='" + sqlMode.replace("'", "") + "'" });
		}
		return b;
	}

	@Override
	public String name() {
		return "mysql";
	}

	/** MariaDB Connector/J's URL where it is on the class path, else MySQL Connector/J's. */
	@Override
	public String jdbcUrl(ConnectionFactoryOptions options) {
		boolean mariadb;
		try {
			Class.forName("org.mariadb.jdbc.Driver", false, MySqlDialect.class.getClassLoader());
			mariadb = true;
		}
		catch (ClassNotFoundException ex) {
			mariadb = false;
		}
		return serverJdbcUrl(mariadb ? "mariadb" : "mysql", options);
	}

	@Override
	public String quote(String identifier) {
		return "`" + identifier.replace("`", "``") + "`";
	}

	private static final Map<FieldType, String> TYPES = Map.ofEntries(
			Map.entry(FieldType.INT, "INT"),
			Map.entry(FieldType.BIGINT, "BIGINT"),
			Map.entry(FieldType.TIMEDELTA, "BIGINT"),
			Map.entry(FieldType.SMALLINT, "SMALLINT"),
			Map.entry(FieldType.DATE, "DATE"),
			Map.entry(FieldType.TEXT, "LONGTEXT"),
			Map.entry(FieldType.BOOLEAN, "BOOL"),
			Map.entry(FieldType.FLOAT, "DOUBLE"),
			Map.entry(FieldType.DATETIME, "DATETIME(6)"),
			Map.entry(FieldType.TIME, "TIME(6)"),
			Map.entry(FieldType.UUID, "CHAR(36)"),
			Map.entry(FieldType.JSON, "JSON"),
			Map.entry(FieldType.BINARY, "LONGBLOB"));

	@Override
	Map<FieldType, String> types() {
		return TYPES;
	}

	@Override
	public boolean datetimeHasOffset() {
		return false;
	}

	@Override
	public boolean timeHasOffset(FieldMeta field) {
		return false; // TIME(6): an offset is converted to UTC
	}

	@Override
	public boolean uuidAsText() {
		return true;
	}

	@Override
	public boolean reportsFirstGeneratedKeyOnly() {
		return true;
	}

	@Override
	public String placeholder(int index, @Nullable FieldType type) {
		return "?";
	}

	@Override
	public void renderLike(Context ctx, Part operand, Value pattern, boolean ignoreCase) {
		if (ignoreCase) {
			ctx.sql("UPPER(").visit(operand).sql(") LIKE UPPER(").visit(pattern).sql(')');
		}
		else {
			// The default collations compare case-insensitively; BINARY makes LIKE exact.
			ctx.visit(operand).sql(" LIKE BINARY ").visit(pattern);
		}
	}

	@Override
	public String sessionIdQuery() {
		return "SELECT CONNECTION_ID()";
	}

	@Override
	public Mono<Void> cancel(Connection connection, @Nullable Object sessionId, ConnectionFactory unpooled) {
		return (sessionId != null) ? onAnotherSession(unpooled, "KILL QUERY " + ((Number) sessionId).longValue())
				: Mono.empty();
	}

	/** A {@code KILL QUERY} that reached an idle session would otherwise stop its next statement. */
	@Override
	public Mono<Void> afterCancel(Connection connection) {
		return run(connection, "DO 0");
	}

	/**
	 * MariaDB's {@code max_statement_time} (seconds, any statement); MySQL, which has no such
	 * variable, gets its {@code max_execution_time} (milliseconds, SELECTs only).
	 */
	@Override
	public Mono<Void> limitStatements(Connection connection, Duration timeout) {
		String seconds = BigDecimal.valueOf(Math.max(1, timeout.toMillis()), 3).toPlainString();
		return run(connection, "SET SESSION max_statement_time = " + seconds)
			.onErrorResume((ex) -> ex instanceof R2dbcException r && r.getErrorCode() == UNKNOWN_SYSTEM_VARIABLE,
					(ex) -> run(connection, "SET SESSION max_execution_time = " + Math.max(1, timeout.toMillis())));
	}

	private static final int UNKNOWN_SYSTEM_VARIABLE = 1193;

	/** MariaDB's ER_STATEMENT_TIMEOUT and MySQL's ER_QUERY_TIMEOUT. */
	@Override
	public boolean isStatementTimeout(R2dbcException error) {
		return error.getErrorCode() == 1969 || error.getErrorCode() == 3024;
	}

	@Override
	String generatedPrimaryKey(FieldType type) {
		return TYPES.get(type) + " NOT NULL PRIMARY KEY AUTO_INCREMENT";
	}

	@Override
	List<String> createTable(TableSpec table, boolean safe) {
		List<String> lines = new ArrayList<>();
		List<String> constraints = new ArrayList<>();
		for (TableSpec.Column c : table.columns()) {
			String comment = c.comment().isEmpty() ? "" : " COMMENT " + literal(c.comment());
			lines.add(columnSql(c) + comment);
			if (c.reference() != null) {
				constraints.add("CONSTRAINT " + quote(foreignKeyName(table.table(), c.name(), c.reference().table(),
						c.reference().column())) + " FOREIGN KEY (" + quote(c.name()) + ") REFERENCES "
						+ qualified(c.reference().schema(), c.reference().table()) + " (" + quote(c.reference().column())
						+ ") ON DELETE "
						+ c.reference().onDelete().sql());
			}
		}
		for (List<String> unique : table.uniqueTogether()) {
			lines.add("UNIQUE KEY " + quote(indexName("uid", table.table(), unique)) + " (" + columnList(unique) + ")");
		}
		lines.addAll(constraints);
		Set<String> seen = new LinkedHashSet<>();
		for (TableSpec.IndexSpec index : table.indexes()) {
			if (seen.add(index.name())) {
				// Inline, so that a safe generation's CREATE TABLE IF NOT EXISTS covers its indexes too.
				String kind = index.type().sql().isEmpty() ? "" : index.type().sql() + " ";
				lines.add(kind + "KEY " + quote(index.name()) + " (" + columnList(index.columns()) + ")"
						+ (index.parser().isEmpty() ? "" : " WITH PARSER " + index.parser()));
			}
		}
		return List.of(create(qualified(table.schema(), table.table()), lines, table.comment(), safe));
	}

	@Override
	List<String> createThrough(TableSpec.Through t, boolean safe) {
		List<String> lines = new ArrayList<>();
		lines.add(quote(t.backwardKey()) + " " + t.backwardType() + " NOT NULL");
		lines.add(quote(t.forwardKey()) + " " + t.forwardType() + " NOT NULL");
		if (t.constraints()) {
			lines.add("FOREIGN KEY (" + quote(t.backwardKey()) + ") REFERENCES " + qualified(t.backward().schema(), t.backward().table()) + " ("
					+ quote(t.backward().column()) + ") ON DELETE " + t.backward().onDelete().sql());
			lines.add("FOREIGN KEY (" + quote(t.forwardKey()) + ") REFERENCES " + qualified(t.forward().schema(), t.forward().table()) + " ("
					+ quote(t.forward().column()) + ") ON DELETE " + t.forward().onDelete().sql());
		}
		if (t.uniqueIndex()) {
			List<String> columns = List.of(t.backwardKey(), t.forwardKey());
			lines.add("UNIQUE KEY " + quote(indexName("uidx", t.table(), columns)) + " (" + columnList(columns) + ")");
		}
		return List.of(create(qualified(t.schema(), t.table()), lines, t.comment(), safe));
	}

	private String create(String table, List<String> lines, String comment, boolean safe) {
		return "CREATE TABLE " + (safe ? "IF NOT EXISTS " : "") + table + " (\n    "
				+ String.join(",\n    ", lines) + "\n) CHARACTER SET utf8mb4"
				+ (comment.isEmpty() ? "" : " COMMENT=" + literal(comment)) + ";";
	}

	/** DATE and DATETIME start at the year 1000. */
	@Override
	public int firstYear() {
		return 1000;
	}

	/** Tortoise's escapes as they are: MySQL reads backslash sequences in literals. */
	@Override
	String textDefault(String text) {
		return literal(text);
	}

	/** {@code auto_now_add}: the time of the insert; {@code auto_now}: of every change too. */
	@Override
	String autoNowDefault(boolean onUpdate) {
		return onUpdate ? " DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6)" : " DEFAULT CURRENT_TIMESTAMP(6)";
	}

	/** The connection's database, which MySQL needs named in a reference from another database. */
	@Override
	public @Nullable String homeSchema(dev.tortoise.config.ConnectionConfig config) {
		return config.credential("database");
	}

	/**
	 * MySQL's LENGTH counts bytes: CHAR_LENGTH counts characters, as the other databases'
	 * LENGTH and Python's len(); its CONCAT is NULL if one part is, CONCAT_WS skips NULLs as
	 * PostgreSQL's and H2's CONCAT do.
	 */
	@Override
	public void renderFunction(dev.tortoise.query.sql.Context ctx, String function,
			List<dev.tortoise.query.sql.Part> args) {
		switch (function) {
			case "LENGTH" -> super.renderFunction(ctx, "CHAR_LENGTH", args);
			case "CONCAT" -> ctx.sql("CONCAT_WS('', ").join(args, ", ").sql(')');
			default -> super.renderFunction(ctx, function, args);
		}
	}

	/** MariaDB locks the rows of every table a statement reads: it has no {@code FOR UPDATE OF}. */
	@Override
	public void renderLock(dev.tortoise.query.sql.Context ctx, dev.tortoise.query.sql.Select.Lock lock) {
		if (!lock.of().isEmpty()) {
			throw new dev.tortoise.exceptions.ParamsException("selectForUpdate(of = " + lock.of() + ") is not"
					+ " available on MySQL/MariaDB, which locks the rows of every table the query reads; leave of empty.");
		}
		super.renderLock(ctx, lock);
	}

	/** MySQL's and MariaDB's indexes: ordinary and full-text, none partial. */
	@Override
	boolean supportsIndex(dev.tortoise.models.IndexType type, boolean partial) {
		return !partial && (type == dev.tortoise.models.IndexType.DEFAULT || type == dev.tortoise.models.IndexType.FULLTEXT);
	}

	/** Tortoise's text without its {@code ON UPDATE}, which MariaDB and MySQL refuse on a TIME column. */
	@Override
	String autoNowTimeDefault() {
		return " DEFAULT CURRENT_TIMESTAMP(6)";
	}

	private static String literal(String text) {
		return "'" + tortoiseEscaped(text, "\\'", "\\\"", false) + "'";
	}

	/** MySQL's EXTRACT, with ISO weeks ({@code WEEK(x, 3)}) and {@code DAYOFWEEK} for the day of the week. */
	@Override
	public void renderDatePart(dev.tortoise.query.sql.Context ctx, String part, dev.tortoise.query.sql.Part operand,
			FieldType type) {
		switch (part) {
			case "week" -> ctx.sql("WEEK(").visit(operand).sql(", 3)");
			case "week_day" -> ctx.sql("DAYOFWEEK(").visit(operand).sql(')');
			default -> super.renderDatePart(ctx, part, operand, type);
		}
	}

	/** {@code INSERT IGNORE}, or {@code ON DUPLICATE KEY UPDATE c = VALUES(c)}: MySQL matches any unique key. */
	@Override
	public void renderUpsert(dev.tortoise.query.sql.Context ctx, dev.tortoise.query.sql.Insert insert) {
		List<String> update = insert.onConflict().update();
		if (update.isEmpty()) {
			insert.renderPlain(ctx, "INSERT IGNORE INTO ");
			return;
		}
		insert.renderPlain(ctx, "INSERT INTO ");
		ctx.sql(" ON DUPLICATE KEY UPDATE ");
		for (int i = 0; i < update.size(); i++) {
			ctx.sql((i > 0) ? ", " : "").name(update.get(i)).sql(" = VALUES(").name(update.get(i)).sql(")");
		}
	}

	@Override
	public boolean hasFullTextSearch() {
		return true;
	}

	/** MariaDB's PCRE: case-sensitive unless asked, whatever the column's collation. */
	@Override
	public void renderRegex(dev.tortoise.query.sql.Context ctx, dev.tortoise.query.sql.Part operand,
			dev.tortoise.query.sql.Part pattern, boolean insensitive) {
		ctx.visit(operand).sql(" REGEXP CONCAT(").sql(insensitive ? "'(?i)'" : "'(?-i)'").sql(", ").visit(pattern).sql(")");
	}

	/** {@code MATCH ... AGAINST} in natural language mode: the column needs a FULLTEXT index. */
	@Override
	public void renderSearch(dev.tortoise.query.sql.Context ctx, dev.tortoise.query.sql.Part operand,
			dev.tortoise.query.sql.Part words, boolean vector) {
		ctx.sql("MATCH(").visit(operand).sql(") AGAINST (").visit(words).sql(" IN NATURAL LANGUAGE MODE)");
	}

	@Override
	public String columnsQuery() {
		return "SELECT table_name, column_name, is_nullable, column_type, column_default, column_comment"
				+ " FROM information_schema.columns WHERE table_schema = DATABASE()";
	}

	@Override
	public String uniqueColumnsQuery() {
		return "SELECT s.table_name, s.column_name, s.index_name, 'index' FROM information_schema.statistics s"
				+ " WHERE s.table_schema = DATABASE() AND s.non_unique = 0 AND s.index_name <> 'PRIMARY'"
				+ " AND (SELECT COUNT(*) FROM information_schema.statistics s2 WHERE s2.table_schema = s.table_schema"
				+ " AND s2.table_name = s.table_name AND s2.index_name = s.index_name) = 1";
	}

	@Override
	public String primaryKeysQuery() {
		return "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = DATABASE()"
				+ " AND column_key = 'PRI'";
	}

	@Override
	public String foreignKeysQuery() {
		return "SELECT kcu.table_name, kcu.column_name, rc.delete_rule, rc.constraint_name"
				+ " FROM information_schema.referential_constraints rc JOIN information_schema.key_column_usage kcu"
				+ " ON kcu.constraint_name = rc.constraint_name AND kcu.constraint_schema = rc.constraint_schema"
				+ " AND kcu.table_name = rc.table_name WHERE rc.constraint_schema = DATABASE()";
	}

	/** MySQL's foreign keys are named constraints, with Tortoise's name. */
	@Override
	String addForeignKey(TableSpec table, TableSpec.Column column) {
		TableSpec.Reference r = column.reference();
		return "ALTER TABLE " + qualified(table.schema(), table.table()) + " ADD CONSTRAINT "
				+ quote(foreignKeyName(table.table(), column.name(), r.table(), r.column())) + " FOREIGN KEY ("
				+ quote(column.name()) + ") REFERENCES " + qualified(r.schema(), r.table()) + " (" + quote(r.column())
				+ ") ON DELETE " + r.onDelete().sql() + ";";
	}

	@Override
	String dropForeignKey(TableSpec table, String constraint) {
		return "ALTER TABLE " + qualified(table.schema(), table.table()) + " DROP FOREIGN KEY " + quote(constraint) + ";";
	}

	@Override
	public String tableCommentsQuery() {
		return "SELECT table_name, table_comment FROM information_schema.tables WHERE table_schema = DATABASE()";
	}

	/** MySQL reads a literal's backslash escapes: the catalog keeps the text as it was before escaping. */
	@Override
	String storedComment(String comment) {
		String literal = literal(comment);
		String inner = literal.substring(1, literal.length() - 1);
		StringBuilder out = new StringBuilder(inner.length());
		for (int i = 0; i < inner.length(); i++) {
			char c = inner.charAt(i);
			if (c == '\\' && i + 1 < inner.length()) {
				char next = inner.charAt(++i);
				switch (next) {
					case '0' -> out.append('\0');
					case 'n' -> out.append('\n');
					case 'r' -> out.append('\r');
					case 't' -> out.append('\t');
					case 'b' -> out.append('\b');
					case 'Z' -> out.append('\u001a');
					case '%', '_' -> out.append('\\').append(next);
					default -> out.append(next);
				}
			}
			else {
				out.append(c);
			}
		}
		return out.toString();
	}

	@Override
	String commentOnTable(TableSpec table) {
		return "ALTER TABLE " + qualified(table.schema(), table.table()) + " COMMENT=" + literal(table.comment()) + ";";
	}

	@Override
	public String indexesQuery() {
		return "SELECT DISTINCT table_name, index_name, 'index' FROM information_schema.statistics"
				+ " WHERE table_schema = DATABASE()";
	}

	/** Integer display widths dropped ({@code int(11)}); BOOL is {@code tinyint(1)}; MariaDB's JSON is a LONGTEXT. */
	@Override
	public String typeKey(String type) {
		String key = super.typeKey(type).replaceFirst("^(tinyint|smallint|mediumint|int|bigint)\\(\\d+\\)", "$1");
		return switch (key) {
			case "bool", "boolean" -> "tinyint";
			case "integer" -> "int";
			case "json" -> "longtext";
			default -> key;
		};
	}

	/** MySQL changes a column by restating it whole: its type, nullability, default and comment. */
	@Override
	List<String> alterColumn(TableSpec table, TableSpec.Column c, boolean type, boolean nullability,
			boolean defaultValue, boolean comment) {
		TableSpec.Column restated = new TableSpec.Column(c.name(), c.type(), c.nullable(), false, false, null,
				c.defaultSql(), c.comment(), null);
		return List.of("ALTER TABLE " + qualified(table.schema(), table.table()) + " MODIFY COLUMN " + columnSql(restated)
				+ (c.comment().isEmpty() ? "" : " COMMENT " + literal(c.comment())) + ";");
	}

	@Override
	String createIndex(TableSpec table, TableSpec.IndexSpec index, boolean safe) {
		String kind = index.type().sql().isEmpty() ? "" : index.type().sql() + " ";
		return "CREATE " + kind + "INDEX " + (safe ? "IF NOT EXISTS " : "") + quote(index.name()) + " ON "
				+ qualified(table.schema(), table.table()) + " (" + columnList(index.columns()) + ")"
				+ (index.parser().isEmpty() ? "" : " WITH PARSER " + index.parser()) + ";";
	}

	@Override
	String dropIndex(TableSpec table, Catalog.Index index) {
		return "DROP INDEX " + quote(index.name()) + " ON " + qualified(table.schema(), table.table()) + ";";
	}

	/** MySQL names a foreign key as a constraint of its own, with Tortoise's name. */
	@Override
	String addColumn(TableSpec table, TableSpec.Column column) {
		String sql = "ALTER TABLE " + qualified(table.schema(), table.table()) + " ADD COLUMN " + columnSql(column);
		if (column.reference() != null) {
			sql += ", ADD CONSTRAINT " + quote(foreignKeyName(table.table(), column.name(), column.reference().table(),
					column.reference().column())) + " FOREIGN KEY (" + quote(column.name()) + ") REFERENCES "
					+ qualified(column.reference().schema(), column.reference().table()) + " ("
					+ quote(column.reference().column()) + ") ON DELETE " + column.reference().onDelete().sql();
		}
		return sql + ";";
	}

}

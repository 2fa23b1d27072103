package dev.tortoise.schema;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;

import dev.tortoise.config.ConnectionConfig;
import dev.tortoise.exceptions.ConfigurationException;
import dev.tortoise.fields.FieldType;
import dev.tortoise.models.FieldMeta;
import dev.tortoise.query.sql.Context;
import dev.tortoise.query.sql.Part;
import dev.tortoise.query.sql.Value;
import dev.tortoise.types.TypeHandler;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.Result;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Everything Tortoise knows of one database, and the only place that knows it: its engine
 * names and driver, identifier quoting, placeholders, paging, LIKE and list binding, how
 * values are bound and read, column types (Tortoise's per-dialect mapping) and DDL, and how
 * its server runs, stops and times out statements. Dialects are found through
 * {@link ServiceLoader} by engine name: a new database is one subclass registered in
 * {@code META-INF/services/dev.tortoise.schema.Dialect}.
 */
public abstract class Dialect {

	protected Dialect() {
	}

	/** The dialects on the class path, found once through {@link ServiceLoader}. */
	private static final class Registry {

		static final List<Dialect> ALL = load();

		private static List<Dialect> load() {
			List<Dialect> all = new ArrayList<>();
			ServiceLoader.load(Dialect.class, Dialect.class.getClassLoader()).forEach(all::add);
			return List.copyOf(all);
		}

	}

	/** Every dialect registered as a {@code META-INF/services/dev.tortoise.schema.Dialect} service. */
	public static List<Dialect> all() {
		return Registry.ALL;
	}

	/** The dialect of an engine name or one of its aliases (Tortoise's backend names, URL schemes), or null. */
	public static @Nullable Dialect find(String engine) {
		String name = engine.trim().toLowerCase(Locale.ROOT);
		for (Dialect d : Registry.ALL) {
			if (d.name().equals(name) || d.aliases().contains(name)) {
				return d;
			}
		}
		return null;
	}

	/** The dialect for a connection engine ({@code postgres}, {@code mysql}, {@code h2}, ...). */
	public static Dialect forEngine(String engine) {
		Dialect d = find(engine);
		if (d == null) {
			throw new ConfigurationException("No SQL dialect for engine \"" + engine + "\". Tortoise for Java supports "
					+ String.join(", ", Registry.ALL.stream().map(Dialect::name).toList()) + ".");
		}
		return d;
	}

	/** The dialect for an R2DBC driver name (of an {@code r2dbc:} URL), or null. */
	public static @Nullable Dialect forDriver(String driver) {
		for (Dialect d : Registry.ALL) {
			if (d.drivers().contains(driver)) {
				return d;
			}
		}
		return null;
	}

	/** The Maven coordinates of an R2DBC driver, for the message when it is missing. */
	public static String artifactOf(String driver) {
		Dialect d = forDriver(driver);
		return (d != null) ? d.driverArtifact() : "the R2DBC driver for \"" + driver + "\"";
	}

	// --- connecting: engine names, URLs and the driver ---------------------------------

	/** Other names of the engine, in lower case: Tortoise's backend names and URL schemes. */
	public Set<String> aliases() {
		return Set.of();
	}

	/** The R2DBC driver names ({@code r2dbc:NAME:} URLs) whose databases this dialect speaks. */
	public abstract Set<String> drivers();

	/** The driver's Maven coordinates, {@code group:artifact}. */
	public abstract String driverArtifact();

	/** Whether the database is embedded: a URL's path names its file ({@code engine://path} or {@code engine://:memory:}). */
	public boolean embedded() {
		return false;
	}

	/** The server's port when a URL gives none. */
	public int defaultPort() {
		return 5432;
	}

	/** Adds the credentials a URL of this engine implies (Tortoise's defaults), given those it names. */
	public void urlDefaults(Map<String, Object> credentials) {
	}

	/**
	 * The R2DBC options of a connection from its Tortoise credentials, without the ones
	 * passed to the driver as they are (the caller adds those).
	 */
	public abstract ConnectionFactoryOptions.Builder r2dbcOptions(ConnectionConfig config);

	/** Whether the options describe an in-memory database that lives until it is shut down. */
	public boolean isMemoryDatabase(ConnectionFactoryOptions options) {
		return false;
	}

	/** A server's options from Tortoise's host, port, user, password, database, ssl and connect_timeout. */
	protected static ConnectionFactoryOptions.Builder serverOptions(String driver, ConnectionConfig config) {
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
	 * Whether a list of values of the type is bound as one array ({@link #renderAnyOf}) rather
	 * than one value at a time ({@code IN ($1, $2, ...)}). One array keeps a statement's
	 * text the same whatever the list's length, so it is written and prepared once.
	 */
	public boolean bindsArray(FieldType type) {
		return false;
	}

	/** {@code operand} equals an element of the array bound as {@code array}; for dialects that {@link #bindsArray}. */
	public void renderAnyOf(Context ctx, Part operand, Value array) {
		throw new UnsupportedOperationException(name() + " binds lists one value at a time.");
	}

	/**
	 * {@code operand LIKE pattern}, the pattern escaping with a backslash: exact, or
	 * ignoring case ({@code ILIKE} here).
	 */
	public void renderLike(Context ctx, Part operand, Value pattern, boolean ignoreCase) {
		ctx.visit(operand).sql(ignoreCase ? " ILIKE " : " LIKE ").visit(pattern);
	}

	/**
	 * The paging clause with its leading space, for a limit or an offset or both (each a
	 * bound value, so that every page is the same statement): {@code LIMIT n OFFSET m} here,
	 * with the largest limit when there is only an offset.
	 */
	public void renderLimit(Context ctx, @Nullable Part limit, @Nullable Part offset) {
		ctx.sql(" LIMIT ");
		if (limit != null) {
			ctx.visit(limit);
		}
		else {
			ctx.sql(Long.toString(Long.MAX_VALUE));
		}
		if (offset != null) {
			ctx.sql(" OFFSET ").visit(offset);
		}
	}

	/**
	 * A column of the given type where it is compared with values ({@code =}, {@code <},
	 * BETWEEN, IN) or ordered: the column itself here; a dialect that stores a type as
	 * text writes what compares as its values do.
	 */
	public void renderValueOf(Context ctx, Part operand, @Nullable FieldType type) {
		ctx.visit(operand);
	}

	// --- values: how the driver binds and reads them ------------------------------------

	/**
	 * Whether date-times are read as the text they are stored as, parsed by Tortoise: where
	 * values written by others may lack an offset, which then means the configured time zone
	 * (Tortoise's {@code make_aware}), not UTC.
	 */
	public boolean datetimeReadAsText() {
		return false;
	}

	/** The column type of a {@code DecimalField}: {@code DECIMAL(max_digits,decimal_places)} here. */
	public String decimalType(int maxDigits, int decimalPlaces) {
		return "DECIMAL(" + maxDigits + "," + decimalPlaces + ")";
	}

	/**
	 * Whether datetime columns keep an offset ({@code TIMESTAMPTZ}), read and bound as
	 * {@code OffsetDateTime}; else they are local date-times ({@code DATETIME}), stored in
	 * UTC when {@code use_tz} is on and in the configured zone when it is off.
	 */
	public boolean datetimeHasOffset() {
		return true;
	}

	/** Whether the TIME column of a field keeps an offset, read and bound as {@code OffsetTime}. */
	public boolean timeHasOffset(FieldMeta field) {
		return field.javaType() == java.time.OffsetTime.class;
	}

	/** Whether UUIDs are stored as text ({@code CHAR(36)}) rather than a UUID type. */
	public boolean uuidAsText() {
		return false;
	}

	/**
	 * Whether a multi-row INSERT reports only its first generated key, the others following
	 * it one by one (MySQL's {@code LAST_INSERT_ID()}), rather than one key per row.
	 */
	public boolean reportsFirstGeneratedKeyOnly() {
		return false;
	}

	/**
	 * Comment text escaped as Tortoise's schema generators escape it (pymysql's table): NUL,
	 * backslash, newline, carriage return and ^Z as backslash sequences, each quote as the
	 * dialect's generator writes it, and slashes where the comment is an SQL comment.
	 */
	static String tortoiseEscaped(String text, String singleQuote, String doubleQuote, boolean slash) {
		StringBuilder b = new StringBuilder(text.length() + 8);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '\0' -> b.append("\\0");
				case '\\' -> b.append("\\\\");
				case '\n' -> b.append("\\n");
				case '\r' -> b.append("\\r");
				case '\032' -> b.append("\\Z");
				case '\'' -> b.append(singleQuote);
				case '"' -> b.append(doubleQuote);
				case '/' -> b.append(slash ? "\\/" : "/");
				default -> b.append(c);
			}
		}
		return b.toString();
	}

	/**
	 * The first year a date or datetime column takes here; the last is 9999 everywhere, as
	 * for Python's {@code datetime}, so that every value one side writes the other can read.
	 */
	public int firstYear() {
		return 1;
	}

	/**
	 * The length of text as a VARCHAR of this database counts it: code points, as Python's
	 * {@code len()}, for Tortoise's databases.
	 */
	public int textLength(String text) {
		return dev.tortoise.types.StoredText.length(text);
	}

	/** A boolean default value as Tortoise's generator writes it: {@code 1} or {@code 0}. */
	String booleanDefault(boolean value) {
		return value ? "1" : "0";
	}

	/**
	 * A text default value as a literal: Tortoise's escapes, with a quote doubled so that the
	 * statement stays valid where backslashes are plain characters.
	 */
	String textDefault(String text) {
		return "'" + tortoiseEscaped(text, "''", "\\\"", false) + "'";
	}

	/** The default of an auto-now datetime column, with its leading space. */
	String autoNowDefault(boolean onUpdate) {
		return " DEFAULT CURRENT_TIMESTAMP";
	}

	/**
	 * The default of an auto-now time-of-day column, with its leading space: the current time
	 * of day where the database has it ({@code CURRENT_TIME}), as no database updates a time on change.
	 */
	String autoNowTimeDefault() {
		return " DEFAULT CURRENT_TIME";
	}

	/**
	 * The JDBC URL of the database that R2DBC options reach, for tools that speak only JDBC
	 * (Flyway); null where JDBC cannot reach the same database. Credentials are not part of it.
	 */
	public @Nullable String jdbcUrl(ConnectionFactoryOptions options) {
		return null;
	}

	/** {@code jdbc:<scheme>://host:port/database}, for a server database. */
	static String serverJdbcUrl(String scheme, ConnectionFactoryOptions options) {
		Object port = options.getValue(ConnectionFactoryOptions.PORT);
		Object database = options.getValue(ConnectionFactoryOptions.DATABASE);
		return "jdbc:" + scheme + "://" + options.getValue(ConnectionFactoryOptions.HOST)
				+ ((port != null) ? ":" + port : "") + "/" + ((database != null) ? database : "");
	}

	/** Whether DDL runs inside a transaction, so that a schema is created whole or not at all. */
	public boolean transactionalDdl() {
		return false;
	}

	/**
	 * A statement run first in a schema generation's transaction that waits until no other
	 * generation on the same database is running, or null. Two generations at once (replicas
	 * of one service starting together, or one started while a cancelled one still rolls back)
	 * would otherwise take the same tables' locks in different orders and deadlock.
	 */
	public @Nullable String schemaGenerationLock() {
		return null;
	}

	/**
	 * A query listing the tables and indexes of the connection's current schema, one name per row, asked
	 * before a safe generation where comments are statements of their own; null where the
	 * comments live inside {@code CREATE TABLE IF NOT EXISTS}, which leaves existing tables alone.
	 */
	public @Nullable String existingTablesQuery() {
		return null;
	}

	/**
	 * A query listing every column of the connection's current schema as {@code (table,
	 * column, is_nullable, type, default)} rows for {@code schemaDiff}, {@code is_nullable} being
	 * {@code YES} or {@code NO}, the type in a form that {@link #typeKey} makes comparable
	 * with the models' column types and the default as the catalog keeps its text: the
	 * standard's {@code information_schema}.
	 */
	public String columnsQuery() {
		return "SELECT table_name, column_name, is_nullable, CASE WHEN UPPER(data_type) = 'CHARACTER VARYING'"
				+ " AND character_maximum_length IS NOT NULL THEN 'VARCHAR(' || character_maximum_length || ')'"
				+ " WHEN UPPER(data_type) = 'NUMERIC' THEN 'DECIMAL(' || numeric_precision || ',' || numeric_scale || ')'"
				+ " ELSE data_type END, column_default, COALESCE(remarks, '') FROM information_schema.columns"
				+ " WHERE table_schema = CURRENT_SCHEMA";
	}

	/**
	 * A query listing the foreign keys of the connection's current schema as {@code (table,
	 * column, on_delete, constraint)} rows.
	 */
	public String foreignKeysQuery() {
		return "SELECT kcu.table_name, kcu.column_name, rc.delete_rule, rc.constraint_name"
				+ " FROM information_schema.referential_constraints rc JOIN information_schema.key_column_usage kcu"
				+ " ON kcu.constraint_name = rc.constraint_name AND kcu.constraint_schema = rc.constraint_schema"
				+ " WHERE rc.constraint_schema = CURRENT_SCHEMA";
	}

	/** A query listing the primary-key columns of the connection's current schema as {@code (table, column)} rows. */
	public String primaryKeysQuery() {
		return "SELECT kcu.table_name, kcu.column_name FROM information_schema.table_constraints tc"
				+ " JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name"
				+ " AND kcu.constraint_schema = tc.constraint_schema AND kcu.table_name = tc.table_name"
				+ " WHERE tc.constraint_type = 'PRIMARY KEY' AND tc.table_schema = CURRENT_SCHEMA";
	}

	/**
	 * A query listing the columns unique on their own (a one-column UNIQUE constraint) of the
	 * connection's current schema as {@code (table, column, name, kind)} rows, kind being
	 * {@code constraint} or {@code index}.
	 */
	public String uniqueColumnsQuery() {
		return "SELECT kcu.table_name, kcu.column_name, tc.constraint_name, 'constraint'"
				+ " FROM information_schema.table_constraints tc JOIN information_schema.key_column_usage kcu"
				+ " ON kcu.constraint_name = tc.constraint_name AND kcu.constraint_schema = tc.constraint_schema"
				+ " AND kcu.table_name = tc.table_name WHERE tc.constraint_type = 'UNIQUE'"
				+ " AND tc.table_schema = CURRENT_SCHEMA AND (SELECT COUNT(*) FROM information_schema.key_column_usage k2"
				+ " WHERE k2.constraint_name = tc.constraint_name AND k2.constraint_schema = tc.constraint_schema"
				+ " AND k2.table_name = tc.table_name) = 1";
	}

	/** A column made unique on its own, as CREATE TABLE's {@code UNIQUE} makes it; null where the database cannot. */
	@Nullable String addUniqueColumn(TableSpec table, String column) {
		return "ALTER TABLE " + qualified(table.schema(), table.table()) + " ADD UNIQUE (" + quote(column) + ");";
	}

	/** A foreign key added to an existing column; null where the database cannot. */
	@Nullable String addForeignKey(TableSpec table, TableSpec.Column column) {
		return "ALTER TABLE " + qualified(table.schema(), table.table()) + " ADD FOREIGN KEY (" + quote(column.name()) + ")"
				+ references(column.reference()) + ";";
	}

	/** A foreign key dropped by its constraint's name; null where the database cannot. */
	@Nullable String dropForeignKey(TableSpec table, String constraint) {
		return "ALTER TABLE " + qualified(table.schema(), table.table()) + " DROP CONSTRAINT " + quote(constraint) + ";";
	}

	/**
	 * A query listing the comments of the connection's current schema's tables as
	 * {@code (table, comment)} rows; null where the catalog keeps none.
	 */
	public @Nullable String tableCommentsQuery() {
		return "SELECT table_name, COALESCE(remarks, '') FROM information_schema.tables WHERE table_schema = CURRENT_SCHEMA";
	}

	/**
	 * A comment's text as the catalog keeps it once the DDL's literal is read: the literal's
	 * text with doubled quotes made single, where backslashes are not escapes.
	 */
	String storedComment(String comment) {
		if (comment.isEmpty()) {
			return "";
		}
		String literal = commentLiteral(comment);
		return literal.substring(1, literal.length() - 1).replace("''", "'");
	}

	/** A comment as the dialect's DDL writes it, a string literal. */
	String commentLiteral(String comment) {
		return textDefault(comment);
	}

	/** {@code COMMENT ON TABLE}: a table's comment changed ({@code IS NULL} for none). */
	String commentOnTable(TableSpec table) {
		return "COMMENT ON TABLE " + qualified(table.schema(), table.table()) + " IS "
				+ (table.comment().isEmpty() ? "NULL" : commentLiteral(table.comment())) + ";";
	}

	/**
	 * A query listing the indexes and named constraints of the connection's current schema
	 * as {@code (table, name, extra)} rows, each read by {@link #catalogIndexes}.
	 */
	public String indexesQuery() {
		return "SELECT table_name, constraint_name, 'constraint' FROM information_schema.table_constraints"
				+ " WHERE table_schema = CURRENT_SCHEMA UNION ALL SELECT i.table_name, i.index_name, 'index'"
				+ " FROM information_schema.indexes i WHERE i.table_schema = CURRENT_SCHEMA AND NOT EXISTS (SELECT 1"
				+ " FROM information_schema.table_constraints c WHERE c.index_name = i.index_name"
				+ " AND c.table_schema = i.table_schema)";
	}

	/** The indexes one row of {@link #indexesQuery} names: by default one, a constraint if the extra says so. */
	public List<Catalog.Index> catalogIndexes(String table, @Nullable String name, @Nullable String extra) {
		return (name == null) ? List.of() : List.of(new Catalog.Index(table, name, "constraint".equals(extra)));
	}

	/**
	 * A column type as the catalog and the DDL can both be compared by: lower case, single
	 * spaces, the dialect's synonyms made one.
	 */
	public String typeKey(String type) {
		return type.trim().replaceAll("\\s+", " ").toLowerCase(java.util.Locale.ROOT);
	}

	/**
	 * Whether a column's default in the catalog (its text there, null for none) is the one a
	 * column's DDL gives ({@code " DEFAULT x"}, empty for none): the same text once the
	 * dialect's decorations are gone ({@link #defaultKey}), or the same number.
	 */
	final boolean sameDefault(@Nullable String catalog, String ddl) {
		String a = defaultKey(catalog);
		String b = defaultKey(ddl.isEmpty() ? null : ddl.replaceFirst("^\\s*DEFAULT\\s+", "")
			.replaceFirst("(?i)\\s+ON UPDATE .*$", ""));
		if (a.equals(b)) {
			return true;
		}
		try {
			return new java.math.BigDecimal(a).compareTo(new java.math.BigDecimal(b)) == 0;
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

	/** A default's text as it compares: lower case, outer parentheses and quotes around a number gone; empty for none. */
	String defaultKey(@Nullable String text) {
		if (text == null) {
			return "";
		}
		String key = text.trim();
		while (key.startsWith("(") && key.endsWith(")")) {
			key = key.substring(1, key.length() - 1).trim();
		}
		key = key.toLowerCase(java.util.Locale.ROOT);
		if (key.matches("'-?[0-9.]+'")) {
			key = key.substring(1, key.length() - 1);
		}
		return key.equals("null") ? "" : key;
	}

	/** Whether a column going from one type to another keeps every value (a longer VARCHAR, a larger integer). */
	boolean widens(String from, String to) {
		String a = typeKey(from);
		String b = typeKey(to);
		java.util.regex.Matcher va = VARCHAR.matcher(a);
		java.util.regex.Matcher vb = VARCHAR.matcher(b);
		if (va.matches()) {
			return vb.matches() ? Long.parseLong(vb.group(1)) >= Long.parseLong(va.group(1)) : TEXTS.contains(b);
		}
		int ia = INTEGERS.indexOf(integerRank(a));
		int ib = INTEGERS.indexOf(integerRank(b));
		return ia >= 0 && ib >= ia;
	}

	private static final java.util.regex.Pattern VARCHAR = java.util.regex.Pattern
		.compile("(?:varchar|character varying)\\((\\d+)\\)");

	private static final Set<String> TEXTS = Set.of("text", "longtext", "character varying", "varchar",
			"character large object", "clob");

	private static final List<String> INTEGERS = List.of("smallint", "int", "bigint");

	private static String integerRank(String key) {
		return switch (key) {
			case "int2", "smallint" -> "smallint";
			case "int4", "int", "integer" -> "int";
			case "int8", "bigint" -> "bigint";
			default -> key;
		};
	}

	/** {@code ALTER TABLE old RENAME TO new}. */
	String renameTable(String old, TableSpec table) {
		return "ALTER TABLE " + quote(old) + " RENAME TO " + quote(table.table()) + ";";
	}

	/** {@code ALTER TABLE t RENAME COLUMN old TO new}. */
	String renameColumn(TableSpec table, String old, String column) {
		return "ALTER TABLE " + qualified(table.schema(), table.table()) + " RENAME COLUMN " + quote(old) + " TO "
				+ quote(column) + ";";
	}

	/**
	 * The statements giving an existing column the model's type, nullability, default and
	 * comment (the standard's {@code ALTER COLUMN ... SET DATA TYPE}, {@code SET/DROP NOT NULL},
	 * {@code SET/DROP DEFAULT} and {@code COMMENT ON COLUMN}); empty where the database cannot
	 * alter a column in place.
	 */
	List<String> alterColumn(TableSpec table, TableSpec.Column column, boolean type, boolean nullability,
			boolean defaultValue, boolean comment) {
		String alter = "ALTER TABLE " + qualified(table.schema(), table.table()) + " ALTER COLUMN " + quote(column.name());
		List<String> out = new ArrayList<>();
		if (type) {
			out.add(alter + " SET DATA TYPE " + column.type() + typeConversion(column) + ";");
		}
		if (nullability) {
			out.add(alter + (column.nullable() ? " DROP NOT NULL;" : " SET NOT NULL;"));
		}
		if (defaultValue) {
			out.add(alter + (column.defaultSql().isEmpty() ? " DROP DEFAULT;"
					: " SET" + column.defaultSql().replaceFirst("(?i)\\s+ON UPDATE .*$", "") + ";"));
		}
		if (comment) {
			out.add("COMMENT ON COLUMN " + qualified(table.schema(), table.table()) + "." + quote(column.name()) + " IS "
					+ (column.comment().isEmpty() ? "NULL" : commentLiteral(column.comment())) + ";");
		}
		return out;
	}

	/** What follows a type change to convert the values ({@code USING} on PostgreSQL); empty by default. */
	String typeConversion(TableSpec.Column column) {
		return "";
	}

	/** {@code CREATE INDEX}: the index's kind, columns and condition on a table. */
	String createIndex(TableSpec table, TableSpec.IndexSpec index, boolean safe) {
		return "CREATE INDEX " + (safe ? "IF NOT EXISTS " : "") + quote(index.name()) + " ON "
				+ qualified(table.schema(), table.table()) + indexMethod(index) + " (" + columnList(index.columns()) + ")"
				+ indexCondition(index) + ";";
	}

	/** A unique-together added to an existing table: the named constraint CREATE TABLE writes. */
	String addUnique(TableSpec table, String name, List<String> columns) {
		return "ALTER TABLE " + qualified(table.schema(), table.table()) + " ADD CONSTRAINT " + quote(name) + " UNIQUE ("
				+ columnList(columns) + ");";
	}

	/** Drops an index or a named constraint; null where the database cannot drop it from an existing table. */
	@Nullable String dropIndex(TableSpec table, Catalog.Index index) {
		return index.constraint()
				? "ALTER TABLE " + qualified(table.schema(), table.table()) + " DROP CONSTRAINT " + quote(index.name()) + ";"
				: "DROP INDEX " + quote(index.name()) + ";";
	}

	/** {@code ALTER TABLE t ADD COLUMN ...}, the column as CREATE TABLE writes it, its foreign key inline. */
	String addColumn(TableSpec table, TableSpec.Column column) {
		String sql = columnSql(column);
		if (column.reference() != null) {
			sql += references(column.reference());
		}
		return "ALTER TABLE " + qualified(table.schema(), table.table()) + " ADD COLUMN " + sql + ";";
	}

	/** Whether ALTER TABLE can add a NOT NULL column without a default to an empty table. */
	public boolean addsRequiredColumns() {
		return true;
	}

	/** {@code ALTER TABLE t DROP COLUMN c}. */
	String dropColumn(TableSpec table, String column) {
		return "ALTER TABLE " + qualified(table.schema(), table.table()) + " DROP COLUMN " + quote(column) + ";";
	}

	/**
	 * A query giving the largest statement the server accepts, in bytes, asked once per
	 * connection before the first bulk INSERT; null where the limit is far beyond any batch
	 * (bulk statements are then split by bound values alone).
	 */
	public @Nullable String maxStatementBytesQuery() {
		return null;
	}

	// --- sessions: how the server runs, stops and times out statements ----------------

	/**
	 * Whether the engine runs statements on the calling thread (embedded databases): their
	 * connections then work on a scheduler of their own, never on an event loop.
	 */
	public boolean blocking() {
		return false;
	}

	/**
	 * The query that gives a new connection's server session id, which {@link #cancel}
	 * needs; null when the driver cancels through the connection itself.
	 */
	public @Nullable String sessionIdQuery() {
		return null;
	}

	/**
	 * Stops the statement a connection is running, on the server.
	 * @param connection the driver's own connection (unwrapped from any pool)
	 * @param sessionId what {@link #sessionIdQuery} returned for it, if anything
	 * @param unpooled a factory of new connections to the same database, for engines that
	 * stop a statement from another session
	 */
	public Mono<Void> cancel(Connection connection, @Nullable Object sessionId, ConnectionFactory unpooled) {
		return Mono.empty();
	}

	/**
	 * Readies a connection after {@link #cancel} for its next statement, once the stopped
	 * statement has ended: where a stop that came too late stays pending on the session, it
	 * is used up here. Errors are ignored by the caller.
	 */
	public Mono<Void> afterCancel(Connection connection) {
		return Mono.empty();
	}

	/**
	 * Limits how long each statement of a new session may run, on the server, where the
	 * engine can; statements past it fail with an error {@link #isStatementTimeout} knows.
	 */
	public Mono<Void> limitStatements(Connection connection, Duration timeout) {
		return Mono.empty();
	}

	/** Runs one statement that returns no rows on a connection. */
	static Mono<Void> run(Connection connection, String sql) {
		return Flux.from(connection.createStatement(sql).execute()).flatMap(Result::getRowsUpdated).then();
	}

	/** Whether a driver error is the server stopping a statement at its statement time-out. */
	public boolean isStatementTimeout(R2dbcException error) {
		return false;
	}

	/** Runs a statement on a connection other than the one being stopped, then closes it. */
	static Mono<Void> onAnotherSession(ConnectionFactory unpooled, String sql) {
		return Mono.usingWhen(Mono.from(unpooled.create()), (c) -> run(c, sql), Connection::close);
	}

	/** Column types that take no parameters, Tortoise's per-dialect mapping. */
	abstract Map<FieldType, String> types();

	/** The SQL name of a field type whose columns take no parameters (Tortoise's per-dialect mapping). */
	/** Whether the database has columns of the field type: every type but PostgreSQL's arrays and text-search vectors. */
	public boolean supports(FieldType type) {
		return type != FieldType.ARRAY && type != FieldType.TSVECTOR;
	}

	public String typeName(FieldType type) {
		String sql = types().get(type);
		if (sql == null) {
			throw new IllegalArgumentException("No " + name() + " type for " + type);
		}
		return sql;
	}

	/** The column type of a field of the given type, as its type's handler writes it for this dialect. */
	String columnType(FieldType type, FieldMeta field) {
		return TypeHandler.of(type).sqlType(field, this);
	}

	/** The type and constraints of a generated primary key, e.g. {@code SERIAL NOT NULL PRIMARY KEY}. */
	abstract String generatedPrimaryKey(FieldType type);

	/** The statements creating a table, its indexes and comments, each ending with a semicolon. */
	abstract List<String> createTable(TableSpec table, boolean safe);

	/** The statements creating a through table. */
	abstract List<String> createThrough(TableSpec.Through through, boolean safe);

	/**
	 * Tortoise's CREATE TABLE with foreign keys inline ({@code REFERENCES ... ON DELETE}) and
	 * named unique constraints, followed by its indexes, for the databases that write it so
	 * (PostgreSQL, SQLite, H2). {@code comment} renders a comment inline after a column and
	 * after the closing parenthesis; dialects that comment in statements of their own give
	 * one that renders nothing.
	 */
	final List<String> inlineCreateTable(TableSpec table, boolean safe, java.util.function.UnaryOperator<String> comment) {
		String exists = safe ? "IF NOT EXISTS " : "";
		List<String> lines = new ArrayList<>();
		for (TableSpec.Column c : table.columns()) {
			String sql = columnSql(c);
			if (c.reference() != null) {
				sql += references(c.reference());
			}
			lines.add(sql + comment.apply(c.comment()));
		}
		for (List<String> unique : table.uniqueTogether()) {
			lines.add("CONSTRAINT " + quote(indexName("uid", table.table(), unique)) + " UNIQUE ("
					+ columnList(unique) + ")");
		}
		List<String> out = new ArrayList<>();
		out.add("CREATE TABLE " + exists + qualified(table.schema(), table.table()) + " (\n    " + String.join(",\n    ", lines) + "\n)"
				+ comment.apply(table.comment()) + ";");
		Set<String> seen = new java.util.LinkedHashSet<>();
		for (TableSpec.IndexSpec index : table.indexes()) {
			if (seen.add(index.name())) {
				out.add(createIndex(table, index, safe));
			}
		}
		return out;
	}

	/**
	 * Whether the database has indexes of the kind, and with a condition (a partial index)
	 * when asked: ordinary indexes everywhere; kinds and partial indexes where the dialect says so.
	 */
	boolean supportsIndex(dev.tortoise.models.IndexType type, boolean partial) {
		return type == dev.tortoise.models.IndexType.DEFAULT && !partial;
	}

	/** What follows the table in a CREATE INDEX for the index's kind (PostgreSQL's {@code USING GIN}); empty by default. */
	String indexMethod(TableSpec.IndexSpec index) {
		return "";
	}

	/** A partial index's {@code WHERE}, as Tortoise's {@code PartialIndex} writes it: each column equal to its value. */
	final String indexCondition(TableSpec.IndexSpec index) {
		if (index.condition().isEmpty()) {
			return "";
		}
		List<String> terms = new ArrayList<>();
		index.condition().forEach((column, value) -> terms.add(quote(column) + " = " + conditionLiteral(value)));
		return " WHERE " + String.join(" AND ", terms);
	}

	private static String conditionLiteral(Object value) {
		if (value instanceof String text) {
			return "'" + text.replace("'", "''") + "'";
		}
		return value.toString();
	}

	/** A through table written as {@link #inlineCreateTable} writes tables, and its unique index after {@code between}. */
	final List<String> inlineCreateThrough(TableSpec.Through t, boolean safe, java.util.function.UnaryOperator<String> comment,
			List<String> between) {
		String exists = safe ? "IF NOT EXISTS " : "";
		List<String> out = new ArrayList<>();
		out.add("CREATE TABLE " + exists + qualified(t.schema(), t.table()) + " (\n    " + quote(t.backwardKey()) + " "
				+ t.backwardType() + " NOT NULL" + (t.constraints() ? references(t.backward()) : "") + ",\n    "
				+ quote(t.forwardKey()) + " " + t.forwardType() + " NOT NULL"
				+ (t.constraints() ? references(t.forward()) : "") + "\n)" + comment.apply(t.comment()) + ";");
		out.addAll(between);
		if (t.uniqueIndex()) {
			List<String> columns = List.of(t.backwardKey(), t.forwardKey());
			out.add("CREATE UNIQUE INDEX " + exists + quote(indexName("uidx", t.table(), columns)) + " ON "
					+ qualified(t.schema(), t.table()) + " (" + columnList(columns) + ");");
		}
		return out;
	}

	final String references(TableSpec.Reference r) {
		return " REFERENCES " + qualified(r.schema(), r.table()) + " (" + quote(r.column()) + ") ON DELETE " + r.onDelete().sql();
	}

	/**
	 * The connection's own schema as a foreign key out of another schema must name it, or null
	 * where an unnamed table is found by the connection's search path (every database but MySQL,
	 * which looks for it in the referencing table's database).
	 */
	public @Nullable String homeSchema(dev.tortoise.config.ConnectionConfig config) {
		return null;
	}

	/**
	 * A SELECT's row locks, after its LIMIT: {@code FOR UPDATE [OF ...] [NOWAIT | SKIP LOCKED]}
	 * (PostgreSQL, H2), Tortoise's {@code select_for_update}.
	 */
	public void renderLock(dev.tortoise.query.sql.Context ctx, dev.tortoise.query.sql.Select.Lock lock) {
		ctx.sql(" FOR UPDATE");
		if (!lock.of().isEmpty()) {
			ctx.sql(" OF ").sql(columnList(lock.of()));
		}
		if (lock.nowait()) {
			ctx.sql(" NOWAIT");
		}
		else if (lock.skipLocked()) {
			ctx.sql(" SKIP LOCKED");
		}
	}

	/**
	 * A function of {@link dev.tortoise.query.Functions}: {@code NAME(arg, ...)}; dialects
	 * whose function of that meaning has another name or form say so.
	 */
	public void renderFunction(dev.tortoise.query.sql.Context ctx, String function,
			List<dev.tortoise.query.sql.Part> args) {
		ctx.sql(function).sql('(').join(args, ", ").sql(')');
	}

	/**
	 * A part of a date, date-time or time as a number: {@code year}, {@code quarter},
	 * {@code month}, {@code week} (ISO), {@code day}, {@code week_day} (1 Sunday to 7
	 * Saturday), {@code hour}, {@code minute}, {@code second} (whole). The standard's
	 * {@code EXTRACT}, as PostgreSQL and H2 have it.
	 */
	public void renderDatePart(dev.tortoise.query.sql.Context ctx, String part, dev.tortoise.query.sql.Part operand,
			FieldType type) {
		switch (part) {
			case "week_day" -> ctx.sql("(EXTRACT(DOW FROM ").visit(operand).sql(") + 1)");
			case "second" -> ctx.sql("FLOOR(EXTRACT(SECOND FROM ").visit(operand).sql("))");
			default -> ctx.sql("EXTRACT(").sql(part.toUpperCase(java.util.Locale.ROOT)).sql(" FROM ").visit(operand).sql(')');
		}
	}

	/**
	 * An INSERT with its conflict handling: {@code ON CONFLICT [(target)] DO NOTHING | DO
	 * UPDATE SET c = EXCLUDED.c} (PostgreSQL, SQLite).
	 */
	public void renderUpsert(dev.tortoise.query.sql.Context ctx, dev.tortoise.query.sql.Insert insert) {
		insert.renderPlain(ctx, "INSERT INTO ");
		dev.tortoise.query.sql.Insert.OnConflict c = insert.onConflict();
		ctx.sql(" ON CONFLICT");
		if (!c.target().isEmpty()) {
			ctx.sql(" (").sql(columnList(c.target())).sql(")");
		}
		if (c.update().isEmpty()) {
			ctx.sql(" DO NOTHING");
			return;
		}
		ctx.sql(" DO UPDATE SET ");
		for (int i = 0; i < c.update().size(); i++) {
			ctx.sql((i > 0) ? ", " : "").name(c.update().get(i)).sql(" = EXCLUDED.").name(c.update().get(i));
		}
	}

	/** Whether SQL can match a regular expression here (the {@code regex} lookups). */
	public boolean hasRegex() {
		return true;
	}

	/** Whether SQL can search text here (the {@code search} lookup). */
	public boolean hasFullTextSearch() {
		return false;
	}

	/** {@code operand} matches the pattern: PostgreSQL's {@code ~} and {@code ~*}. */
	public void renderRegex(dev.tortoise.query.sql.Context ctx, dev.tortoise.query.sql.Part operand,
			dev.tortoise.query.sql.Part pattern, boolean insensitive) {
		ctx.visit(operand).sql(insensitive ? " ~* " : " ~ ").visit(pattern);
	}

	/** {@code operand} matches a full-text search of the words given. */
	public void renderSearch(dev.tortoise.query.sql.Context ctx, dev.tortoise.query.sql.Part operand,
			dev.tortoise.query.sql.Part words, boolean vector) {
		throw new dev.tortoise.exceptions.FieldException(name() + " has no full-text search in SQL.");
	}

	/** The statement that shows how the database runs a query ({@code explain()}). */
	public String explain(String sql) {
		return "EXPLAIN " + sql;
	}

	/** A table's name, quoted, after its quoted schema if it has one. */
	final String qualified(@Nullable String schema, String table) {
		return (schema != null) ? quote(schema) + "." + quote(table) : quote(table);
	}

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
	 * Tortoise's column: {@code "{name}" {type} [NOT NULL] [UNIQUE] [PRIMARY KEY] [DEFAULT ...]},
	 * or the dialect's generated-key form.
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
		return sql.append(c.defaultSql()).toString();
	}

}

package dev.tortoise.schema;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import dev.tortoise.config.ConnectionConfig;
import dev.tortoise.fields.FieldType;
import dev.tortoise.models.FieldMeta;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Option;
import io.r2dbc.spi.R2dbcException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/** PostgreSQL, with Tortoise's asyncpg/psycopg column types. */
public class PostgresDialect extends StandardDialect {

	/** Found through {@link java.util.ServiceLoader}; use {@link Dialect#forEngine}. */
	public PostgresDialect() {
	}

	@Override
	public Set<String> aliases() {
		return Set.of("postgresql", "asyncpg", "psycopg", "tortoise.backends.asyncpg", "tortoise.backends.psycopg");
	}

	@Override
	public Set<String> drivers() {
		return Set.of("postgresql", "postgres");
	}

	@Override
	public String driverArtifact() {
		return "org.postgresql:r2dbc-postgresql";
	}

	@Override
	public ConnectionFactoryOptions.Builder r2dbcOptions(ConnectionConfig config) {
		ConnectionFactoryOptions.Builder b = serverOptions("postgresql", config);
		String schema = config.credential("schema");
		if (schema != null) {
			b.option(Option.valueOf("schema"), schema);
		}
		return b;
	}

	@Override
	public String name() {
		return "postgres";
	}

	@Override
	public String jdbcUrl(ConnectionFactoryOptions options) {
		Object schema = options.getValue(Option.valueOf("schema"));
		return serverJdbcUrl("postgresql", options) + ((schema != null) ? "?currentSchema=" + schema : "");
	}

	private static final Map<FieldType, String> TYPES = Map.ofEntries(
			Map.entry(FieldType.INT, "INT"),
			Map.entry(FieldType.BIGINT, "BIGINT"),
			Map.entry(FieldType.TIMEDELTA, "BIGINT"),
			Map.entry(FieldType.SMALLINT, "SMALLINT"),
			Map.entry(FieldType.DATE, "DATE"),
			Map.entry(FieldType.TEXT, "TEXT"),
			Map.entry(FieldType.BOOLEAN, "BOOL"),
			Map.entry(FieldType.FLOAT, "DOUBLE PRECISION"),
			Map.entry(FieldType.DATETIME, "TIMESTAMPTZ"),
			Map.entry(FieldType.TIME, "TIMETZ"),
			Map.entry(FieldType.ARRAY, "[]"),
			Map.entry(FieldType.TSVECTOR, "TSVECTOR"),
			Map.entry(FieldType.UUID, "UUID"),
			Map.entry(FieldType.JSON, "JSONB"),
			Map.entry(FieldType.BINARY, "BYTEA"));

	@Override
	Map<FieldType, String> types() {
		return TYPES;
	}

	@Override
	public boolean timeHasOffset(FieldMeta field) {
		return true; // TIMETZ, as Tortoise's
	}

	/**
	 * As Tortoise writes comments on PostgreSQL: backslash sequences for newlines and the like,
	 * which the server keeps as they are (standard strings), so that both sides' catalogs agree.
	 */
	@Override
	String literal(String text) {
		return textDefault(text);
	}

	/** Python's {@code str(bool)}, which Tortoise's PostgreSQL generator writes as it is. */
	@Override
	String booleanDefault(boolean value) {
		return value ? "True" : "False";
	}

	@Override
	public boolean transactionalDdl() {
		return true;
	}

	/** A transaction-scoped advisory lock, released by the COMMIT or ROLLBACK; the key spells "tortoise". */
	@Override
	public String schemaGenerationLock() {
		return "SELECT pg_advisory_xact_lock(" + 0x746f72746f697365L + ")";
	}

	/** PostgreSQL's types by their internal names ({@code int4}, {@code _text}), lengths and precisions spelt out. */
	@Override
	public String columnsQuery() {
		return "SELECT table_name, column_name, is_nullable, CASE WHEN data_type = 'character varying'"
				+ " AND character_maximum_length IS NOT NULL THEN 'varchar(' || character_maximum_length || ')'"
				+ " WHEN data_type = 'character' THEN 'char(' || character_maximum_length || ')'"
				+ " WHEN data_type = 'numeric' AND numeric_precision IS NOT NULL"
				+ " THEN 'numeric(' || numeric_precision || ',' || numeric_scale || ')' ELSE udt_name END,"
				+ " column_default, COALESCE(pg_catalog.col_description((quote_ident(table_schema) || '.'"
				+ " || quote_ident(table_name))::regclass, ordinal_position), '')"
				+ " FROM information_schema.columns WHERE table_schema = CURRENT_SCHEMA";
	}

	@Override
	public String tableCommentsQuery() {
		return "SELECT c.relname, COALESCE(pg_catalog.obj_description(c.oid, 'pg_class'), '') FROM pg_catalog.pg_class c"
				+ " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = CURRENT_SCHEMA"
				+ " AND c.relkind IN ('r', 'p')";
	}

	/** Every index of the schema's tables, those behind a unique or primary key constraint marked as constraints. */
	@Override
	public String indexesQuery() {
		return "SELECT t.relname, i.relname, CASE WHEN c.oid IS NULL THEN 'index' ELSE 'constraint' END"
				+ " FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid"
				+ " JOIN pg_namespace n ON n.oid = t.relnamespace LEFT JOIN pg_constraint c ON c.conindid = x.indexrelid"
				+ " AND c.conrelid = x.indrelid AND c.contype IN ('u', 'p', 'x') WHERE n.nspname = CURRENT_SCHEMA";
	}

	@Override
	public String typeKey(String type) {
		String key = super.typeKey(type);
		if (key.endsWith("[]")) {
			String element = typeKey(key.substring(0, key.length() - 2));
			return "_" + element.replaceAll("\\(.*\\)$", "");
		}
		key = key.replaceFirst("^decimal\\(", "numeric(").replaceFirst("^character varying\\(", "varchar(")
			.replaceFirst("^character\\(", "char(");
		return switch (key) {
			case "int", "integer", "serial" -> "int4";
			case "bigint", "bigserial" -> "int8";
			case "smallint", "smallserial" -> "int2";
			case "boolean" -> "bool";
			case "double precision" -> "float8";
			case "real" -> "float4";
			case "timestamp with time zone" -> "timestamptz";
			case "timestamp without time zone" -> "timestamp";
			case "time with time zone" -> "timetz";
			case "time without time zone" -> "time";
			case "character varying" -> "varchar";
			default -> key;
		};
	}

	/** PostgreSQL keeps a literal default with its cast: {@code 'EUR'::character varying}, {@code '-1'::integer}. */
	@Override
	String defaultKey(@Nullable String text) {
		return super.defaultKey((text == null) ? null
				: text.replaceFirst("::[a-z_ ]+(\\([0-9, ]+\\))?(\\[\\])?$", ""));
	}

	/** PostgreSQL converts only what it casts implicitly unless told how: the old value cast to the new type. */
	@Override
	String typeConversion(TableSpec.Column column) {
		return " USING " + quote(column.name()) + "::" + column.type();
	}

	@Override
	public String existingTablesQuery() {
		return "SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
				+ " WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'i')";
	}

	@Override
	public String placeholder(int index, @Nullable FieldType type) {
		// Values are bound as text; JSONB and TSVECTOR need the cast, the driver has no way to say so.
		if (type == FieldType.JSON) {
			return "$" + index + "::jsonb";
		}
		return (type == FieldType.TSVECTOR) ? "$" + index + "::tsvector" : "$" + index;
	}

	/** PostgreSQL's cancel request, sent on a socket of its own to the server. */
	@Override
	public Mono<Void> cancel(Connection connection, @Nullable Object sessionId, ConnectionFactory unpooled) {
		return (connection instanceof PostgresqlConnection postgres) ? postgres.cancelRequest() : Mono.empty();
	}

	@Override
	public Mono<Void> limitStatements(Connection connection, Duration timeout) {
		return run(connection, "SET statement_timeout = " + Math.max(1, timeout.toMillis()));
	}

	/** 57014 is query_canceled, for a cancel request and the time-out alike; the message tells them apart. */
	@Override
	public boolean isStatementTimeout(R2dbcException error) {
		return "57014".equals(error.getSqlState()) && String.valueOf(error.getMessage()).contains("statement timeout");
	}

	@Override
	String generatedPrimaryKey(FieldType type) {
		switch (type) {
			case BIGINT:
				return "BIGSERIAL NOT NULL PRIMARY KEY";
			case SMALLINT:
				return "SMALLSERIAL NOT NULL PRIMARY KEY";
			default:
				return "SERIAL NOT NULL PRIMARY KEY";
		}
	}

	/** As Tortoise: PostgreSQL casts the timestamp to the column's TIMETZ. */
	@Override
	String autoNowTimeDefault() {
		return " DEFAULT CURRENT_TIMESTAMP";
	}

	/** Every kind of Tortoise's PostgreSQL indexes, partial ones included; no full-text index, which is MySQL's. */
	@Override
	boolean supportsIndex(dev.tortoise.models.IndexType type, boolean partial) {
		return type != dev.tortoise.models.IndexType.FULLTEXT;
	}

	@Override
	String indexMethod(TableSpec.IndexSpec index) {
		return index.type().sql().isEmpty() ? "" : " USING " + index.type().sql();
	}

	/** Every field type, Tortoise's PostgreSQL contrib fields included. */
	@Override
	public boolean supports(FieldType type) {
		return true;
	}

	@Override
	public boolean hasFullTextSearch() {
		return true;
	}

	/** As Tortoise's {@code search}: the words as {@code plainto_tsquery} against the text's vector. */
	@Override
	public void renderSearch(dev.tortoise.query.sql.Context ctx, dev.tortoise.query.sql.Part operand,
			dev.tortoise.query.sql.Part words, boolean vector) {
		if (vector) {
			ctx.visit(operand);
		}
		else {
			ctx.sql("TO_TSVECTOR(").visit(operand).sql(")");
		}
		ctx.sql(" @@ PLAINTO_TSQUERY(").visit(words).sql(")");
	}

}

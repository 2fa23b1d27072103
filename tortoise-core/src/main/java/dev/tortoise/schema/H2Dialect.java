package dev.tortoise.schema;

import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetTime;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import dev.tortoise.config.ConnectionConfig;
import dev.tortoise.fields.FieldType;
import dev.tortoise.models.FieldMeta;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Option;
import io.r2dbc.spi.R2dbcException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Embedded H2, laid out like PostgreSQL. Tortoise has no H2 backend; the types are the
 * closest H2 has to Tortoise's PostgreSQL ones, except that TEXT and JSON are unbounded
 * VARCHARs (H2's CLOB and JSON types need special handling by R2DBC clients).
 */
public class H2Dialect extends StandardDialect {

	/** H2's VARCHAR counts UTF-16 units, as Java's {@code String.length()}: a character outside the BMP counts twice. */
	@Override
	public int textLength(String text) {
		return text.length();
	}

	/** H2 is not one of Tortoise's databases: standard SQL's literals. */
	@Override
	String booleanDefault(boolean value) {
		return value ? "TRUE" : "FALSE";
	}

	@Override
	String textDefault(String text) {
		return "'" + text.replace("'", "''") + "'";
	}

	/** r2dbc-h2's option for database settings, {@code KEY=VALUE;KEY=VALUE}. */
	private static final Option<String> H2_SETTINGS = Option.valueOf("options");

	private static final AtomicLong MEMORY_DATABASES = new AtomicLong();

	/** Found through {@link java.util.ServiceLoader}; use {@link Dialect#forEngine}. */
	public H2Dialect() {
	}

	@Override
	public Set<String> aliases() {
		return Set.of("tortoise.backends.h2");
	}

	@Override
	public Set<String> drivers() {
		return Set.of("h2");
	}

	@Override
	public String driverArtifact() {
		return "io.r2dbc:r2dbc-h2";
	}

	@Override
	public boolean embedded() {
		return true;
	}

	@Override
	public ConnectionFactoryOptions.Builder r2dbcOptions(ConnectionConfig config) {
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

	/** H2's standard type names: INTEGER, BOOLEAN, CHARACTER VARYING; an unbounded VARCHAR as H2 bounds it. */
	@Override
	public String typeKey(String type) {
		String key = super.typeKey(type).replaceFirst("^(time|timestamp)\\(\\d+\\)", "$1");
		return switch (key) {
			case "int" -> "integer";
			case "bool" -> "boolean";
			case "varchar", "varchar(1000000000)", "character varying" -> "varchar";
			case "varbinary", "binary varying" -> "varbinary";
			case "double" -> "double precision";
			default -> key.replaceFirst("^numeric\\(", "decimal(");
		};
	}

	/** The same database by H2's JDBC driver: an in-memory one is shared by name within the JVM. */
	@Override
	public String jdbcUrl(ConnectionFactoryOptions options) {
		Object settings = options.getValue(H2_SETTINGS);
		return "jdbc:h2:" + options.getValue(ConnectionFactoryOptions.PROTOCOL) + ":"
				+ options.getValue(ConnectionFactoryOptions.DATABASE) + ((settings != null) ? ";" + settings : "");
	}

	@Override
	public boolean isMemoryDatabase(ConnectionFactoryOptions options) {
		return "h2".equals(options.getValue(ConnectionFactoryOptions.DRIVER))
				&& "mem".equals(options.getValue(ConnectionFactoryOptions.PROTOCOL));
	}

	@Override
	public String name() {
		return "h2";
	}

	private static final Map<FieldType, String> TYPES = Map.ofEntries(
			Map.entry(FieldType.INT, "INT"),
			Map.entry(FieldType.BIGINT, "BIGINT"),
			Map.entry(FieldType.TIMEDELTA, "BIGINT"),
			Map.entry(FieldType.SMALLINT, "SMALLINT"),
			Map.entry(FieldType.DATE, "DATE"),
			Map.entry(FieldType.TEXT, "VARCHAR"),
			Map.entry(FieldType.JSON, "VARCHAR"),
			Map.entry(FieldType.BOOLEAN, "BOOLEAN"),
			Map.entry(FieldType.FLOAT, "DOUBLE PRECISION"),
			Map.entry(FieldType.DATETIME, "TIMESTAMP WITH TIME ZONE"),
			Map.entry(FieldType.TIME, "TIME(6)"),
			Map.entry(FieldType.UUID, "UUID"),
			Map.entry(FieldType.BINARY, "VARBINARY"));

	@Override
	Map<FieldType, String> types() {
		return TYPES;
	}

	@Override
	String columnType(FieldType type, FieldMeta field) {
		return (type == FieldType.TIME && field.javaType() == OffsetTime.class) ? "TIME(6) WITH TIME ZONE"
				: super.columnType(type, field);
	}

	/** H2 runs each statement on the thread that executes it. */
	@Override
	public boolean blocking() {
		return true;
	}

	@Override
	public String sessionIdQuery() {
		return "SELECT SESSION_ID()";
	}

	@Override
	public Mono<Void> cancel(Connection connection, @Nullable Object sessionId, ConnectionFactory unpooled) {
		return (sessionId != null) ? onAnotherSession(unpooled, "CALL CANCEL_SESSION(" + ((Number) sessionId).longValue()
				+ ")") : Mono.empty();
	}

	@Override
	public Mono<Void> limitStatements(Connection connection, Duration timeout) {
		return run(connection, "SET QUERY_TIMEOUT " + Math.max(1, timeout.toMillis()));
	}

	/** H2's STATEMENT_WAS_CANCELED (57014) is what a query time-out raises. */
	@Override
	public boolean isStatementTimeout(R2dbcException error) {
		return error.getErrorCode() == 57014 || "57014".equals(error.getSqlState());
	}

	@Override
	String generatedPrimaryKey(FieldType type) {
		return TYPES.get(type) + " GENERATED BY DEFAULT AS IDENTITY NOT NULL PRIMARY KEY";
	}

	/** H2's EXTRACT with ISO weeks, and its ISO day of the week turned into 1 (Sunday) to 7. */
	@Override
	public void renderDatePart(dev.tortoise.query.sql.Context ctx, String part, dev.tortoise.query.sql.Part operand,
			FieldType type) {
		switch (part) {
			case "week" -> ctx.sql("EXTRACT(ISO_WEEK FROM ").visit(operand).sql(')');
			case "week_day" -> ctx.sql("(MOD(EXTRACT(ISO_DAY_OF_WEEK FROM ").visit(operand).sql("), 7) + 1)");
			default -> super.renderDatePart(ctx, part, operand, type);
		}
	}

	/**
	 * H2 has no {@code ON CONFLICT}: the standard MERGE, matching rows on the conflict's
	 * unique columns, inserting the others and, for an upsert, updating the matched ones.
	 */
	@Override
	public void renderUpsert(dev.tortoise.query.sql.Context ctx, dev.tortoise.query.sql.Insert insert) {
		dev.tortoise.query.sql.Insert.OnConflict c = insert.onConflict();
		java.util.List<String> on = c.target().isEmpty() ? c.key() : c.target();
		if (on.isEmpty()) {
			throw new dev.tortoise.exceptions.ParamsException("H2 matches conflicting rows on named columns: give"
					+ " onConflict(fields) naming a unique constraint whose values the rows carry.");
		}
		ctx.sql("MERGE INTO ").visit(insert.table()).sql(" \"_m\" USING (VALUES ");
		for (int r = 0; r < insert.rows().size(); r++) {
			ctx.sql((r > 0) ? ", (" : "(").join(insert.rows().get(r), ", ").sql(')');
		}
		ctx.sql(") AS \"_n\" (").sql(columnList(insert.columns())).sql(") ON ");
		for (int i = 0; i < on.size(); i++) {
			ctx.sql((i > 0) ? " AND " : "").sql("\"_m\".").name(on.get(i)).sql(" = \"_n\".").name(on.get(i));
		}
		if (!c.update().isEmpty()) {
			ctx.sql(" WHEN MATCHED THEN UPDATE SET ");
			for (int i = 0; i < c.update().size(); i++) {
				ctx.sql((i > 0) ? ", " : "").name(c.update().get(i)).sql(" = \"_n\".").name(c.update().get(i));
			}
		}
		ctx.sql(" WHEN NOT MATCHED THEN INSERT (").sql(columnList(insert.columns())).sql(") VALUES (");
		for (int i = 0; i < insert.columns().size(); i++) {
			ctx.sql((i > 0) ? ", " : "").sql("\"_n\".").name(insert.columns().get(i));
		}
		ctx.sql(")");
	}

	@Override
	public void renderRegex(dev.tortoise.query.sql.Context ctx, dev.tortoise.query.sql.Part operand,
			dev.tortoise.query.sql.Part pattern, boolean insensitive) {
		ctx.sql("REGEXP_LIKE(").visit(operand).sql(", ").visit(pattern).sql(insensitive ? ", 'i')" : ", 'c')");
	}

}

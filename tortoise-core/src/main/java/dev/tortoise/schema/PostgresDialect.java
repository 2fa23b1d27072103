package dev.tortoise.schema;

import java.util.Map;
import dev.tortoise.fields.FieldType;
import org.jspecify.annotations.Nullable;

/** PostgreSQL, with Tortoise's asyncpg/psycopg column types. */
final class PostgresDialect extends StandardDialect {

	static final PostgresDialect INSTANCE = new PostgresDialect();

	@Override
	public String name() {
		return "postgres";
	}

	private static final Map<FieldType, String> TYPES = Map.ofEntries(
			Map.entry(FieldType.INT, "INT"),
			Map.entry(FieldType.BIGINT, "BIGINT"),
			Map.entry(FieldType.SMALLINT, "SMALLINT"),
			Map.entry(FieldType.DATE, "DATE"),
			Map.entry(FieldType.TEXT, "TEXT"),
			Map.entry(FieldType.BOOLEAN, "BOOL"),
			Map.entry(FieldType.FLOAT, "DOUBLE PRECISION"),
			Map.entry(FieldType.DATETIME, "TIMESTAMPTZ"),
			Map.entry(FieldType.TIME, "TIMETZ"),
			Map.entry(FieldType.UUID, "UUID"),
			Map.entry(FieldType.JSON, "JSONB"),
			Map.entry(FieldType.BINARY, "BYTEA"));

	@Override
	Map<FieldType, String> types() {
		return TYPES;
	}

	@Override
	public String placeholder(int index, @Nullable FieldType type) {
		// Values are bound as text; JSONB needs the cast, the driver has no way to say so.
		return (type == FieldType.JSON) ? "$" + index + "::jsonb" : "$" + index;
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

}

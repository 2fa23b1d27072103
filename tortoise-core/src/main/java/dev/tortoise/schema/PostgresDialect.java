package dev.tortoise.schema;

import dev.tortoise.fields.FieldType;
import dev.tortoise.models.FieldMeta;

/** PostgreSQL, with Tortoise's asyncpg/psycopg column types. */
final class PostgresDialect extends StandardDialect {

	static final PostgresDialect INSTANCE = new PostgresDialect();

	@Override
	public String name() {
		return "postgres";
	}

	@Override
	String columnType(FieldType type, FieldMeta field) {
		switch (type) {
			case INT:
				return "INT";
			case BIGINT:
				return "BIGINT";
			case SMALLINT:
			case INT_ENUM:
				return "SMALLINT";
			case CHAR:
			case CHAR_ENUM:
				return "VARCHAR(" + field.maxLength() + ")";
			case TEXT:
				return "TEXT";
			case BOOLEAN:
				return "BOOL";
			case DECIMAL:
				return "DECIMAL(" + field.maxDigits() + "," + field.decimalPlaces() + ")";
			case FLOAT:
				return "DOUBLE PRECISION";
			case DATETIME:
				return "TIMESTAMPTZ";
			case DATE:
				return "DATE";
			case TIME:
				return "TIMETZ";
			case UUID:
				return "UUID";
			case JSON:
				return "JSONB";
			case BINARY:
				return "BYTEA";
			default:
				throw new IllegalArgumentException(type.name());
		}
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

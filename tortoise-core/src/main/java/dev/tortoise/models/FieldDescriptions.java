package dev.tortoise.models;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.tortoise.fields.FieldType;

/**
 * What Tortoise's {@code describe()} says of a field that depends on its type alone: the
 * Python type ({@code python_type}) and the column type per dialect ({@code db_field_types}:
 * the default under {@code ""} and each dialect's override, as Tortoise's field classes
 * declare them).
 */
final class FieldDescriptions {

	private FieldDescriptions() {
	}

	/** Tortoise's {@code python_type} of a data field of the type. */
	static String pythonType(FieldType type) {
		return switch (type) {
			case INT, BIGINT, SMALLINT, INT_ENUM -> "int";
			case TIMEDELTA -> "datetime.timedelta";
			case CHAR, TEXT, CHAR_ENUM, TSVECTOR -> "str";
			case BOOLEAN -> "bool";
			case DECIMAL -> "decimal.Decimal";
			case FLOAT -> "float";
			case DATETIME -> "datetime.datetime";
			case DATE -> "datetime.date";
			case TIME -> "datetime.time";
			case UUID -> "uuid.UUID";
			case JSON -> "Union[dict, list]";
			case BINARY -> "bytes";
			case ARRAY -> "list";
		};
	}

	/** Tortoise's {@code db_field_types} of a data field of the type with the given length, digits and array element. */
	static Map<String, String> dbFieldTypes(FieldType type, int maxLength, int maxDigits, int decimalPlaces,
			String arrayElement) {
		Map<String, String> t = new LinkedHashMap<>();
		switch (type) {
			case INT -> t.put("", "INT");
			case BIGINT, TIMEDELTA -> t.put("", "BIGINT");
			case SMALLINT, INT_ENUM -> t.put("", "SMALLINT");
			case CHAR, CHAR_ENUM -> {
				t.put("", "VARCHAR(" + maxLength + ")");
				t.put("oracle", "NVARCHAR2(" + maxLength + ")");
			}
			case TEXT -> {
				t.put("", "TEXT");
				t.put("mssql", "NVARCHAR(MAX)");
				t.put("mysql", "LONGTEXT");
				t.put("oracle", "NCLOB");
			}
			case BOOLEAN -> {
				t.put("", "BOOL");
				t.put("mssql", "BIT");
				t.put("oracle", "NUMBER(1)");
				t.put("sqlite", "INT");
			}
			case DECIMAL -> {
				t.put("", "DECIMAL(" + maxDigits + "," + decimalPlaces + ")");
				t.put("sqlite", "VARCHAR(40)");
			}
			case FLOAT -> {
				t.put("", "DOUBLE PRECISION");
				t.put("mysql", "DOUBLE");
				t.put("sqlite", "REAL");
			}
			case DATETIME -> {
				t.put("", "TIMESTAMP");
				t.put("mssql", "DATETIME2");
				t.put("mysql", "DATETIME(6)");
				t.put("postgres", "TIMESTAMPTZ");
				t.put("oracle", "TIMESTAMP WITH TIME ZONE");
			}
			case DATE -> t.put("", "DATE");
			case TIME -> {
				t.put("", "TIME");
				t.put("mysql", "TIME(6)");
				t.put("postgres", "TIMETZ");
			}
			case UUID -> {
				t.put("", "CHAR(36)");
				t.put("postgres", "UUID");
			}
			case JSON -> {
				t.put("", "JSON");
				t.put("mssql", "NVARCHAR(MAX)");
				t.put("oracle", "NCLOB");
				t.put("postgres", "JSONB");
			}
			case BINARY -> {
				t.put("", "BLOB");
				t.put("mysql", "LONGBLOB");
				t.put("postgres", "BYTEA");
			}
			case ARRAY -> t.put("", arrayElement.toUpperCase(java.util.Locale.ROOT) + "[]");
			case TSVECTOR -> t.put("", "TSVECTOR");
		}
		return t;
	}

}

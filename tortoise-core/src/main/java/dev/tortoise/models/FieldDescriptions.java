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
		DB_FIELD_TYPES.get(type).forEach((dialect, sql) -> t.put(dialect, sql.replace("{length}", String.valueOf(maxLength))
			.replace("{digits}", String.valueOf(maxDigits))
			.replace("{places}", String.valueOf(decimalPlaces))
			.replace("{element}", arrayElement.toUpperCase(java.util.Locale.ROOT))));
		return t;
	}

	/** Tortoise's column types per field type, read once from {@code db-field-types.properties}. */
	private static final Map<FieldType, Map<String, String>> DB_FIELD_TYPES = readDbFieldTypes();

	private static Map<FieldType, Map<String, String>> readDbFieldTypes() {
		java.util.Properties properties = new java.util.Properties();
		try (java.io.InputStream in = FieldDescriptions.class.getResourceAsStream("db-field-types.properties")) {
			properties.load(java.util.Objects.requireNonNull(in, "db-field-types.properties"));
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		Map<FieldType, Map<String, String>> all = new java.util.EnumMap<>(FieldType.class);
		for (FieldType type : FieldType.values()) {
			String line = java.util.Objects.requireNonNull(properties.getProperty(type.name()), type.name());
			Map<String, String> types = new LinkedHashMap<>();
			String[] parts = line.split(";");
			types.put("", parts[0].trim());
			for (int i = 1; i < parts.length; i++) {
				String[] kv = parts[i].split("=", 2);
				types.put(kv[0].trim(), kv[1].trim());
			}
			all.put(type, java.util.Collections.unmodifiableMap(types));
		}
		return all;
	}

}

package dev.tortoise.models;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.tortoise.fields.FieldType;
import org.jspecify.annotations.Nullable;

/** Which Java types fit which field types, and how a default value written as text is read. */
final class TypeNames {

	private static final Map<FieldType, Set<Class<?>>> ACCEPTED = Map.ofEntries(
			Map.entry(FieldType.INT, Set.of(int.class, Integer.class)),
			Map.entry(FieldType.BIGINT, Set.of(long.class, Long.class)),
			Map.entry(FieldType.SMALLINT, Set.of(short.class, Short.class)),
			Map.entry(FieldType.CHAR, Set.of(String.class)),
			Map.entry(FieldType.TEXT, Set.of(String.class)),
			Map.entry(FieldType.BOOLEAN, Set.of(boolean.class, Boolean.class)),
			Map.entry(FieldType.DECIMAL, Set.of(BigDecimal.class)),
			Map.entry(FieldType.FLOAT, Set.of(double.class, Double.class, float.class, Float.class)),
			Map.entry(FieldType.DATETIME,
					Set.of(OffsetDateTime.class, Instant.class, ZonedDateTime.class, LocalDateTime.class)),
			Map.entry(FieldType.DATE, Set.of(LocalDate.class)),
			Map.entry(FieldType.TIME, Set.of(LocalTime.class, OffsetTime.class)),
			Map.entry(FieldType.UUID, Set.of(UUID.class)),
			Map.entry(FieldType.BINARY, Set.of(byte[].class)));

	private TypeNames() {
	}

	/** The field type a Java type maps to without annotation, or null if it needs one. */
	static @Nullable FieldType infer(Class<?> type) {
		if (type.isEnum()) {
			return FieldType.CHAR_ENUM;
		}
		if (type == String.class) {
			return FieldType.CHAR;
		}
		if (type == BigDecimal.class) {
			return null; // digits and places cannot be guessed: @DecimalField is required
		}
		for (Map.Entry<FieldType, Set<Class<?>>> e : ACCEPTED.entrySet()) {
			if (e.getKey() != FieldType.TEXT && e.getValue().contains(type)) {
				return e.getKey();
			}
		}
		return null;
	}

	/** Whether a field of the given type may be declared with the given Java type. */
	static boolean accepts(FieldType fieldType, Class<?> javaType) {
		switch (fieldType) {
			case JSON:
				return !javaType.isPrimitive();
			case CHAR_ENUM:
			case INT_ENUM:
				return javaType.isEnum();
			default:
				return ACCEPTED.get(fieldType).contains(javaType);
		}
	}

	/** The Java types a field type accepts, for error messages. */
	static String expected(FieldType fieldType) {
		switch (fieldType) {
			case JSON:
				return "any reference type (Map, List, String, a record...)";
			case CHAR_ENUM:
			case INT_ENUM:
				return "an enum";
			default:
				return ACCEPTED.get(fieldType).stream().map(Class::getSimpleName).sorted()
						.reduce((a, b) -> a + ", " + b).orElse("");
		}
	}

	/** Tortoise ORM's class name for a field type. */
	static String tortoiseName(@Nullable FieldType type) {
		if (type == null) {
			return "Field";
		}
		switch (type) {
			case BIGINT:
				return "BigIntField";
			case SMALLINT:
				return "SmallIntField";
			case UUID:
				return "UUIDField";
			case JSON:
				return "JSONField";
			case CHAR_ENUM:
				return "CharEnumField";
			case INT_ENUM:
				return "IntEnumField";
			default:
				String n = type.name();
				return n.charAt(0) + n.substring(1).toLowerCase(java.util.Locale.ROOT) + "Field";
		}
	}

	/**
	 * Reads a default value written as text into the field's Java type.
	 * @throws IllegalArgumentException if the text does not fit
	 */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	static Object parseDefault(FieldType type, Class<?> javaType, String text) {
		switch (type) {
			case INT:
				return Integer.valueOf(text.trim());
			case BIGINT:
				return Long.valueOf(text.trim());
			case SMALLINT:
				return Short.valueOf(text.trim());
			case BOOLEAN:
				if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
					throw new IllegalArgumentException("expected true or false");
				}
				return Boolean.valueOf(text);
			case DECIMAL:
				return new BigDecimal(text.trim());
			case FLOAT:
				return (javaType == float.class || javaType == Float.class) ? (Object) Float.valueOf(text)
						: (Object) Double.valueOf(text);
			case DATE:
				return LocalDate.parse(text.trim());
			case TIME:
				return (javaType == OffsetTime.class) ? OffsetTime.parse(text.trim()) : LocalTime.parse(text.trim());
			case DATETIME:
				if (javaType == Instant.class) {
					return Instant.parse(text.trim());
				}
				if (javaType == LocalDateTime.class) {
					return LocalDateTime.parse(text.trim());
				}
				if (javaType == ZonedDateTime.class) {
					return ZonedDateTime.parse(text.trim());
				}
				return OffsetDateTime.parse(text.trim());
			case UUID:
				return UUID.fromString(text.trim());
			case CHAR_ENUM:
			case INT_ENUM:
				return Enum.valueOf((Class<? extends Enum>) javaType, text.trim());
			case BINARY:
				throw new IllegalArgumentException("binary fields cannot have a default");
			case JSON:
				if (javaType != String.class && javaType != Object.class) {
					throw new IllegalArgumentException("JSON defaults are supported on String fields only");
				}
				return text;
			default:
				return text;
		}
	}

	/** Whether a Java type is a relation container or a collection, which never map to a column. */
	static boolean isCollection(Class<?> type) {
		return List.class.isAssignableFrom(type) || Set.class.isAssignableFrom(type)
				|| java.util.Collection.class.isAssignableFrom(type);
	}

}

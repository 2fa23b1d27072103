package dev.tortoise.models;

import java.util.List;
import java.util.Set;

import dev.tortoise.fields.FieldType;
import dev.tortoise.types.TypeHandler;
import org.jspecify.annotations.Nullable;

/** Which Java types fit which field types, and how a default value written as text is read. */
final class TypeNames {

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
		if (type == java.math.BigDecimal.class) {
			return null; // digits and places cannot be guessed: @DecimalField is required
		}
		for (FieldType t : FieldType.values()) {
			if (TypeHandler.of(t).inferredFrom(type)) {
				return t;
			}
		}
		return null;
	}

	/** Whether a field of the given type may be declared with the given Java type. */
	static boolean accepts(FieldType fieldType, Class<?> javaType) {
		return TypeHandler.of(fieldType).accepts(javaType);
	}

	/** The Java types a field type accepts, for error messages. */
	static String expected(FieldType fieldType) {
		return TypeHandler.of(fieldType).expected();
	}

	/** Tortoise ORM's class name for a field type. */
	static String tortoiseName(@Nullable FieldType type) {
		return (type != null) ? TypeHandler.of(type).tortoiseName() : "Field";
	}

	/**
	 * Reads a default value written as text into the field's Java type.
	 * @throws IllegalArgumentException if the text does not fit
	 */
	static Object parseDefault(FieldType type, Class<?> javaType, String text) {
		return TypeHandler.of(type).parseDefault(javaType, text);
	}

	/** Whether a Java type is a relation container or a collection, which never map to a column. */
	static boolean isCollection(Class<?> type) {
		return List.class.isAssignableFrom(type) || Set.class.isAssignableFrom(type)
				|| java.util.Collection.class.isAssignableFrom(type);
	}

}

package dev.tortoise.types;

import dev.tortoise.exceptions.ValidationException;
import dev.tortoise.fields.FieldType;
import dev.tortoise.models.FieldMeta;
import dev.tortoise.schema.Dialect;

/** {@code IntEnumField}: an enum stored as its {@code int value()} if it has one, else its ordinal, in a SMALLINT. */
final class IntEnums extends Enums {

	IntEnums() {
		super(FieldType.INT_ENUM);
	}

	@Override
	public String tortoiseName() {
		return "IntEnumField";
	}

	/** A constant given by name or by value. */
	@Override
	public Object parse(Class<?> javaType, String text) {
		String s = text.trim();
		for (Object constant : javaType.getEnumConstants()) {
			Enum<?> e = (Enum<?>) constant;
			if (e.name().equals(s) || String.valueOf(value(e)).equals(s)) {
				return e;
			}
		}
		throw new IllegalArgumentException("not a value or name of " + javaType.getSimpleName());
	}

	@Override
	public Class<?> dbClass(FieldMeta field, TypeContext ctx) {
		return Short.class;
	}

	@Override
	public Object toDb(FieldMeta field, Object value, TypeContext ctx) {
		return (short) value((Enum<?>) value);
	}

	@Override
	public Object fromDb(FieldMeta field, Object value, TypeContext ctx) {
		int stored = ((Number) value).intValue();
		Object constant = EnumValues.of(field.javaType()).byNumber(stored);
		if (constant == null) {
			throw new ValidationException(stored + " is not a value of " + field.javaType().getSimpleName() + ".");
		}
		return constant;
	}

	/** The stored number of a constant: its {@code int value()} if it has one, else its ordinal. */
	public static int value(Enum<?> constant) {
		return EnumValues.number(constant);
	}

	@Override
	public String sqlType(FieldMeta field, Dialect dialect) {
		return dialect.typeName(FieldType.SMALLINT);
	}

}

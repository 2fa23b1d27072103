package dev.tortoise.types;

import java.util.Set;

import dev.tortoise.fields.FieldType;
import dev.tortoise.models.FieldMeta;

/** {@code BooleanField}; read from integers where the database stores it as one (MySQL's BOOL). */
final class Booleans extends TypeHandler {

	Booleans() {
		super(FieldType.BOOLEAN);
	}

	@Override
	Set<Class<?>> javaTypes() {
		return Set.of(boolean.class, Boolean.class);
	}

	@Override
	public Object parseDefault(Class<?> javaType, String text) {
		if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
			throw new IllegalArgumentException("expected true or false");
		}
		return Boolean.valueOf(text);
	}

	@Override
	public Object parse(Class<?> javaType, String text) {
		String s = text.trim();
		if (s.equalsIgnoreCase("true") || s.equals("1")) {
			return Boolean.TRUE;
		}
		if (s.equalsIgnoreCase("false") || s.equals("0")) {
			return Boolean.FALSE;
		}
		throw new IllegalArgumentException("not a boolean: use true, false, 1 or 0");
	}

	@Override
	public Class<?> dbClass(FieldMeta field, TypeContext ctx) {
		return Boolean.class;
	}

	@Override
	public Object toDb(FieldMeta field, Object value, TypeContext ctx) {
		return (Boolean) value;
	}

	@Override
	public Object fromDb(FieldMeta field, Object value, TypeContext ctx) {
		return (value instanceof Number n) ? n.intValue() != 0 : value;
	}

}

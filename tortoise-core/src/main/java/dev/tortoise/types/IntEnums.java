package dev.tortoise.types;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.tortoise.exceptions.ValidationException;
import dev.tortoise.fields.FieldType;
import dev.tortoise.models.FieldMeta;
import dev.tortoise.schema.Dialect;

/** {@code IntEnumField}: an enum stored as its {@code int value()} if it has one, else its ordinal, in a SMALLINT. */
final class IntEnums extends Enums {

	private static final Map<Class<?>, Object[]> VALUES = new ConcurrentHashMap<>();

	private static final Map<Class<?>, Map<Integer, Object>> BY_VALUE = new ConcurrentHashMap<>();

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
		Class<?> type = field.javaType();
		int stored = ((Number) value).intValue();
		Map<Integer, Object> lookup = BY_VALUE.computeIfAbsent(type, (t) -> {
			Map<Integer, Object> m = new ConcurrentHashMap<>();
			for (Object constant : t.getEnumConstants()) {
				m.put(value((Enum<?>) constant), constant);
			}
			return m;
		});
		Object constant = lookup.get(stored);
		if (constant == null) {
			throw new ValidationException(stored + " is not a value of " + type.getSimpleName() + ".");
		}
		return constant;
	}

	/** The stored number of a constant: its {@code int value()} if it has one, else its ordinal. */
	public static int value(Enum<?> constant) {
		Object[] values = VALUES.computeIfAbsent(constant.getDeclaringClass(), IntEnums::values);
		return (Integer) values[constant.ordinal()];
	}

	private static Object[] values(Class<?> type) {
		Object[] constants = type.getEnumConstants();
		Object[] values = new Object[constants.length];
		Method value = null;
		try {
			value = type.getDeclaredMethod("value");
			value.setAccessible(true);
		}
		catch (NoSuchMethodException ex) {
			// ordinal it is
		}
		for (int i = 0; i < constants.length; i++) {
			try {
				values[i] = (value != null && (value.getReturnType() == int.class || value.getReturnType() == Integer.class))
						? (Integer) value.invoke(constants[i]) : (Integer) i;
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return values;
	}

	@Override
	public String sqlType(FieldMeta field, Dialect dialect) {
		return dialect.typeName(FieldType.SMALLINT);
	}

}

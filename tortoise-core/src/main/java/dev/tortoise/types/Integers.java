package dev.tortoise.types;

import java.util.Set;
import java.util.function.UnaryOperator;

import dev.tortoise.fields.FieldType;
import dev.tortoise.models.FieldMeta;
import org.jspecify.annotations.Nullable;

/** {@code IntField}, {@code BigIntField}, {@code SmallIntField}. */
final class Integers extends TypeHandler {

	Integers(FieldType type) {
		super(type);
	}

	@Override
	Set<Class<?>> javaTypes() {
		return switch (type()) {
			case INT -> Set.of(int.class, Integer.class);
			case BIGINT -> Set.of(long.class, Long.class);
			default -> Set.of(short.class, Short.class);
		};
	}

	@Override
	public String tortoiseName() {
		return switch (type()) {
			case INT -> "IntField";
			case BIGINT -> "BigIntField";
			default -> "SmallIntField";
		};
	}

	@Override
	public Object parseDefault(Class<?> javaType, String text) {
		return switch (type()) {
			case INT -> Integer.valueOf(text.trim());
			case BIGINT -> Long.valueOf(text.trim());
			default -> Short.valueOf(text.trim());
		};
	}

	@Override
	public Object parse(Class<?> javaType, String text) {
		return Long.parseLong(text.trim());
	}

	@Override
	public Class<?> dbClass(FieldMeta field, TypeContext ctx) {
		return switch (type()) {
			case INT -> Integer.class;
			case BIGINT -> Long.class;
			default -> Short.class;
		};
	}

	@Override
	public Object toDb(FieldMeta field, Object value, TypeContext ctx) {
		long v = integral(value);
		switch (type()) {
			case INT:
				return Math.toIntExact(v);
			case BIGINT:
				return v;
			default:
				if (v < Short.MIN_VALUE || v > Short.MAX_VALUE) {
					throw new ArithmeticException("out of range for a small integer");
				}
				return (short) v;
		}
	}

	@Override
	public Object fromDb(FieldMeta field, Object value, TypeContext ctx) {
		Number n = (Number) value;
		return switch (type()) {
			case INT -> n.intValue();
			case BIGINT -> n.longValue();
			default -> n.shortValue();
		};
	}

	@Override
	public UnaryOperator<Object> decoder(FieldMeta field, TypeContext ctx) {
		return switch (type()) {
			case INT -> (v) -> (v instanceof Integer) ? v : (Object) ((Number) v).intValue();
			case BIGINT -> (v) -> (v instanceof Long) ? v : (Object) ((Number) v).longValue();
			default -> super.decoder(field, ctx);
		};
	}

	@Override
	public @Nullable Class<?> readsAsIs(FieldMeta field) {
		return switch (type()) {
			case INT -> Integer.class;
			case BIGINT -> Long.class;
			default -> null;
		};
	}

	@Override
	public boolean keyLike() {
		return true;
	}

}

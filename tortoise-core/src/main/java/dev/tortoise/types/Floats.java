package dev.tortoise.types;

import java.util.Set;
import java.util.function.UnaryOperator;

import dev.tortoise.fields.FieldType;
import dev.tortoise.models.FieldMeta;
import org.jspecify.annotations.Nullable;

/** {@code FloatField}: a double column, read as the field's float or double. */
final class Floats extends TypeHandler {

	Floats() {
		super(FieldType.FLOAT);
	}

	@Override
	Set<Class<?>> javaTypes() {
		return Set.of(double.class, Double.class, float.class, Float.class);
	}

	private static boolean isFloat(Class<?> type) {
		return type == float.class || type == Float.class;
	}

	@Override
	public Object parseDefault(Class<?> javaType, String text) {
		return isFloat(javaType) ? (Object) Float.valueOf(text) : (Object) Double.valueOf(text);
	}

	@Override
	public Object parse(Class<?> javaType, String text) {
		return Double.parseDouble(text.trim());
	}

	@Override
	public Class<?> dbClass(FieldMeta field, TypeContext ctx) {
		return Double.class;
	}

	@Override
	public Object toDb(FieldMeta field, Object value, TypeContext ctx) {
		return ((Number) value).doubleValue();
	}

	@Override
	public Object fromDb(FieldMeta field, Object value, TypeContext ctx) {
		return isFloat(field.javaType()) ? (Object) ((Number) value).floatValue() : (Object) ((Number) value).doubleValue();
	}

	@Override
	public UnaryOperator<Object> decoder(FieldMeta field, TypeContext ctx) {
		return isFloat(field.javaType()) ? (v) -> ((Number) v).floatValue()
				: (v) -> (v instanceof Double) ? v : (Object) ((Number) v).doubleValue();
	}

	@Override
	public @Nullable Class<?> readsAsIs(FieldMeta field) {
		return isFloat(field.javaType()) ? null : Double.class;
	}

}

package dev.tortoise.types;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Set;
import java.util.function.UnaryOperator;

import dev.tortoise.fields.FieldType;
import dev.tortoise.models.FieldMeta;
import dev.tortoise.schema.Dialect;

/** {@code DecimalField}: {@code DECIMAL(max_digits, decimal_places)}, values rounded half-even to its places. */
final class Decimals extends TypeHandler {

	Decimals() {
		super(FieldType.DECIMAL);
	}

	@Override
	Set<Class<?>> javaTypes() {
		return Set.of(BigDecimal.class);
	}

	@Override
	public Object parse(Class<?> javaType, String text) {
		return new BigDecimal(text.trim());
	}

	@Override
	public Class<?> dbClass(FieldMeta field, TypeContext ctx) {
		return BigDecimal.class;
	}

	@Override
	public Object toDb(FieldMeta field, Object value, TypeContext ctx) {
		BigDecimal d = (value instanceof BigDecimal b) ? b
				: (value instanceof Double || value instanceof Float) ? BigDecimal.valueOf(((Number) value).doubleValue())
						: BigDecimal.valueOf(integral(value));
		BigDecimal scaled = d.setScale(field.decimalPlaces(), RoundingMode.HALF_EVEN);
		if (scaled.precision() - scaled.scale() > field.maxDigits() - field.decimalPlaces()) {
			throw new ArithmeticException("more than " + (field.maxDigits() - field.decimalPlaces())
					+ " digits before the point");
		}
		return scaled;
	}

	@Override
	public Object fromDb(FieldMeta field, Object value, TypeContext ctx) {
		return ((BigDecimal) value).setScale(field.decimalPlaces(), RoundingMode.HALF_EVEN);
	}

	@Override
	public UnaryOperator<Object> decoder(FieldMeta field, TypeContext ctx) {
		int scale = field.decimalPlaces();
		return (v) -> {
			BigDecimal d = (BigDecimal) v;
			return (d.scale() == scale) ? d : d.setScale(scale, RoundingMode.HALF_EVEN);
		};
	}

	@Override
	public String sqlType(FieldMeta field, Dialect dialect) {
		return dialect.decimalType(field.maxDigits(), field.decimalPlaces());
	}

}

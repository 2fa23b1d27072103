package dev.tortoise.types;

import java.time.LocalDate;
import java.util.Set;

import dev.tortoise.fields.FieldType;
import dev.tortoise.models.FieldMeta;

/** {@code DateField}. */
final class Dates extends TypeHandler {

	Dates() {
		super(FieldType.DATE);
	}

	@Override
	Set<Class<?>> javaTypes() {
		return Set.of(LocalDate.class);
	}

	@Override
	public Object parse(Class<?> javaType, String text) {
		return LocalDate.parse(text.trim());
	}

	@Override
	public Class<?> dbClass(FieldMeta field, TypeContext ctx) {
		return LocalDate.class;
	}

	@Override
	public Object toDb(FieldMeta field, Object value, TypeContext ctx) {
		LocalDate date = (LocalDate) value;
		ctx.checkYear(date);
		return date;
	}

	@Override
	public Object fromDb(FieldMeta field, Object value, TypeContext ctx) {
		return value;
	}

}

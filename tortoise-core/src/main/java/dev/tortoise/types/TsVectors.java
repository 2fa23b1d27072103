package dev.tortoise.types;

import java.util.Set;

import dev.tortoise.fields.FieldType;
import dev.tortoise.models.FieldMeta;

/** {@code TSVectorField}: a PostgreSQL {@code TSVECTOR} held as its text; PostgreSQL parses what is written. */
final class TsVectors extends TypeHandler {

	TsVectors() {
		super(FieldType.TSVECTOR);
	}

	@Override
	Set<Class<?>> javaTypes() {
		return Set.of(String.class);
	}

	@Override
	public boolean inferredFrom(Class<?> javaType) {
		return false;
	}

	@Override
	public String tortoiseName() {
		return "TSVectorField";
	}

	@Override
	public Object parseDefault(Class<?> javaType, String text) {
		throw new IllegalArgumentException("a TSVectorField takes no default value");
	}

	@Override
	public Class<?> dbClass(FieldMeta field, TypeContext ctx) {
		return String.class;
	}

	@Override
	public Object toDb(FieldMeta field, Object value, TypeContext ctx) {
		return value.toString();
	}

	@Override
	public Object fromDb(FieldMeta field, Object value, TypeContext ctx) {
		return value.toString();
	}

}

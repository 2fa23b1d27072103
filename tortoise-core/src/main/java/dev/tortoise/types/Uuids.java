package dev.tortoise.types;

import java.util.Set;
import java.util.UUID;

import dev.tortoise.fields.FieldType;
import dev.tortoise.models.FieldMeta;

/** {@code UUIDField}: a UUID column, or its text where the database has none ({@code CHAR(36)}). */
final class Uuids extends TypeHandler {

	Uuids() {
		super(FieldType.UUID);
	}

	@Override
	Set<Class<?>> javaTypes() {
		return Set.of(UUID.class);
	}

	@Override
	public String tortoiseName() {
		return "UUIDField";
	}

	@Override
	public Object parseDefault(Class<?> javaType, String text) {
		return UUID.fromString(text.trim());
	}

	@Override
	public Class<?> dbClass(FieldMeta field, TypeContext ctx) {
		return ctx.dialect().uuidAsText() ? String.class : UUID.class;
	}

	@Override
	public Object toDb(FieldMeta field, Object value, TypeContext ctx) {
		UUID uuid = (value instanceof String s) ? UUID.fromString(s) : (UUID) value;
		return ctx.dialect().uuidAsText() ? uuid.toString() : uuid;
	}

	@Override
	public Object fromDb(FieldMeta field, Object value, TypeContext ctx) {
		return (value instanceof String s) ? UUID.fromString(s) : value;
	}

	@Override
	public boolean keyLike() {
		return true;
	}

}

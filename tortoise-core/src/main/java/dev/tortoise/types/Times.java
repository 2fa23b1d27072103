package dev.tortoise.types;

import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.Set;

import dev.tortoise.fields.FieldType;
import dev.tortoise.models.FieldMeta;

/**
 * {@code TimeField}: with an offset where the column keeps one (a local time is taken as
 * UTC), else a local time (an offset converted to UTC).
 */
final class Times extends TypeHandler {

	Times() {
		super(FieldType.TIME);
	}

	@Override
	Set<Class<?>> javaTypes() {
		return Set.of(LocalTime.class, OffsetTime.class);
	}

	@Override
	public Object parseDefault(Class<?> javaType, String text) {
		return (javaType == OffsetTime.class) ? OffsetTime.parse(text.trim()) : LocalTime.parse(text.trim());
	}

	@Override
	public Object parse(Class<?> javaType, String text) {
		String s = text.trim();
		return (s.endsWith("Z") || s.indexOf('+') > 0 || s.lastIndexOf('-') > 0) ? OffsetTime.parse(s) : LocalTime.parse(s);
	}

	@Override
	public Class<?> dbClass(FieldMeta field, TypeContext ctx) {
		return ctx.dialect().timeHasOffset(field) ? OffsetTime.class : LocalTime.class;
	}

	@Override
	public Object toDb(FieldMeta field, Object value, TypeContext ctx) {
		if (ctx.dialect().timeHasOffset(field)) {
			return (value instanceof OffsetTime o) ? o : ((LocalTime) value).atOffset(ZoneOffset.UTC);
		}
		return (value instanceof OffsetTime o) ? o.withOffsetSameInstant(ZoneOffset.UTC).toLocalTime() : (LocalTime) value;
	}

	@Override
	public Object fromDb(FieldMeta field, Object value, TypeContext ctx) {
		boolean offset = field.javaType() == OffsetTime.class;
		if (value instanceof OffsetTime o) {
			return offset ? o : o.toLocalTime();
		}
		return offset ? ((LocalTime) value).atOffset(ZoneOffset.UTC) : value;
	}

}

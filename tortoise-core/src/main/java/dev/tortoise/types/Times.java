package dev.tortoise.types;

import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.Set;

import dev.tortoise.fields.FieldType;
import dev.tortoise.models.FieldMeta;

/**
 * {@code TimeField}: with an offset where the column keeps one (PostgreSQL's TIMETZ, as
 * Tortoise's), else a local time (an offset converted to UTC). A {@code LocalTime} in a column
 * with offsets is taken at the offset of the configured {@code timezone} when that zone has a
 * fixed one (UTC, Tortoise's default), else at UTC, since a time of day has no date to choose
 * a daylight-saving offset by; a value stored with another offset (a Python service's
 * {@code 12:00+09:00}) reads back converted to that offset, never with its offset dropped.
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

	/** The offset a {@code LocalTime} stands at in a column with offsets. */
	static ZoneOffset localOffset(TypeContext ctx) {
		return ctx.zone().getRules().isFixedOffset() ? ctx.zone().getRules().getOffset(java.time.Instant.EPOCH)
				: ZoneOffset.UTC;
	}

	@Override
	public Object toDb(FieldMeta field, Object value, TypeContext ctx) {
		if (ctx.dialect().timeHasOffset(field)) {
			return (value instanceof OffsetTime o) ? o : ((LocalTime) value).atOffset(localOffset(ctx));
		}
		return (value instanceof OffsetTime o) ? o.withOffsetSameInstant(ZoneOffset.UTC).toLocalTime() : (LocalTime) value;
	}

	@Override
	public Object fromDb(FieldMeta field, Object value, TypeContext ctx) {
		boolean offset = field.javaType() == OffsetTime.class;
		if (value instanceof OffsetTime o) {
			return offset ? o : o.withOffsetSameInstant(localOffset(ctx)).toLocalTime();
		}
		return offset ? ((LocalTime) value).atOffset(ZoneOffset.UTC) : value;
	}

}

package dev.tortoise.types;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Set;

import dev.tortoise.fields.FieldType;
import dev.tortoise.models.FieldMeta;

/**
 * {@code DatetimeField}, with Tortoise's time-zone rules: aware values are stored as
 * instants (UTC when {@code use_tz}; where the column keeps no offset, in the configured
 * zone when it is off) and read back in the configured zone, in the field's Java type.
 */
final class Datetimes extends TypeHandler {

	Datetimes() {
		super(FieldType.DATETIME);
	}

	@Override
	Set<Class<?>> javaTypes() {
		return Set.of(OffsetDateTime.class, Instant.class, ZonedDateTime.class, LocalDateTime.class);
	}

	@Override
	public Object parseDefault(Class<?> javaType, String text) {
		String s = text.trim();
		if (javaType == Instant.class) {
			return Instant.parse(s);
		}
		if (javaType == LocalDateTime.class) {
			return LocalDateTime.parse(s);
		}
		if (javaType == ZonedDateTime.class) {
			return ZonedDateTime.parse(s);
		}
		return OffsetDateTime.parse(s);
	}

	@Override
	public Object parse(Class<?> javaType, String text) {
		String s = text.trim();
		return (s.endsWith("Z") || s.indexOf('+') > 10 || s.lastIndexOf('-') > 10) ? OffsetDateTime.parse(s)
				: LocalDateTime.parse(s);
	}

	@Override
	public Class<?> dbClass(FieldMeta field, TypeContext ctx) {
		return ctx.dialect().datetimeHasOffset() ? OffsetDateTime.class : LocalDateTime.class;
	}

	@Override
	public Class<?> readClass(FieldMeta field, TypeContext ctx) {
		return ctx.dialect().datetimeReadAsText() ? String.class : dbClass(field, ctx);
	}

	@Override
	public Object toDb(FieldMeta field, Object value, TypeContext ctx) {
		OffsetDateTime instant;
		if (value instanceof OffsetDateTime o) {
			instant = o;
		}
		else if (value instanceof ZonedDateTime z) {
			instant = z.toOffsetDateTime();
		}
		else if (value instanceof Instant i) {
			instant = i.atOffset(ZoneOffset.UTC);
		}
		else if (value instanceof LocalDateTime l) {
			instant = l.atZone(ctx.zone()).toOffsetDateTime();
		}
		else {
			throw new ClassCastException("not a date-time");
		}
		if (!ctx.dialect().datetimeHasOffset()) {
			LocalDateTime stored = instant.atZoneSameInstant(ctx.useTz() ? ZoneOffset.UTC : ctx.zone()).toLocalDateTime();
			ctx.checkYear(stored.toLocalDate());
			return stored;
		}
		OffsetDateTime stored = ctx.useTz() ? instant.withOffsetSameInstant(ZoneOffset.UTC) : instant;
		ctx.checkYear(stored.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate());
		return stored;
	}

	@Override
	public Object fromDb(FieldMeta field, Object stored, TypeContext ctx) {
		// Text as Python's isoformat(" ") writes it, with or without an offset.
		Object value = (stored instanceof String s) ? parse(field.javaType(), (s.length() > 10 && s.charAt(10) == ' ')
				? s.substring(0, 10) + 'T' + s.substring(11) : s) : stored;
		ZonedDateTime at;
		if (value instanceof LocalDateTime l) {
			at = l.atZone(!ctx.dialect().datetimeHasOffset() && ctx.useTz() ? ZoneOffset.UTC : ctx.zone());
		}
		else {
			at = ((OffsetDateTime) value).atZoneSameInstant(ctx.zone());
		}
		at = at.withZoneSameInstant(ctx.zone());
		Class<?> target = field.javaType();
		if (target == Instant.class) {
			return at.toInstant();
		}
		if (target == ZonedDateTime.class) {
			return at;
		}
		if (target == LocalDateTime.class) {
			return at.toLocalDateTime();
		}
		return at.toOffsetDateTime();
	}

}

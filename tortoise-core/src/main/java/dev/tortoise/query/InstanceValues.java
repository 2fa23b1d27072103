package dev.tortoise.query;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.tortoise.exceptions.FieldException;
import dev.tortoise.exceptions.ValidationException;
import dev.tortoise.models.FieldKind;
import dev.tortoise.models.FieldMeta;
import dev.tortoise.models.ModelMeta;

/**
 * The values a write takes from an instance or a map, before any SQL: defaults and
 * automatic times set, required fields and relations checked, update keys checked against
 * the model.
 */
final class InstanceValues {

	private InstanceValues() {
	}

	/** Sets automatic values and defaults, then checks that every required column has a value. */
	static <T> void prepare(ModelMeta<T> meta, T instance, boolean creating, ZoneId zone) {
		for (FieldMeta f : meta.columns()) {
			Object value = f.get(instance);
			if (f.autoNow() || (creating && f.autoNowAdd() && value == null)) {
				f.set(instance, now(f, zone));
				continue;
			}
			if (value == null && creating && f.defaultValue() != null) {
				f.set(instance, f.defaultValue());
				continue;
			}
			if (value == null && creating && f.defaultFactory() != null) {
				f.set(instance, produce(meta, f));
				continue;
			}
			if (value == null && !f.nullable() && !(f.pk() && f.generated())) {
				throw new ValidationException("Field " + meta.name() + "." + f.name() + " is required but is null.");
			}
			f.validate(value);
			if (value != null && f.kind() != FieldKind.DATA && f.toField().get(value) == null) {
				throw new ValidationException("Field " + meta.name() + "." + f.name() + " refers to a "
						+ f.related().name() + " that has no " + f.toField().name() + " yet; save it first.");
			}
		}
	}

	private static Object produce(ModelMeta<?> meta, FieldMeta f) {
		Object value = f.defaultFactory().get();
		if (value == null) {
			throw new ValidationException("The default factory of " + meta.name() + "." + f.name()
					+ " returned null; it must return a " + f.javaType().getSimpleName() + ".");
		}
		if (!f.javaType().isInstance(value) && !f.javaType().isPrimitive()) {
			throw new ValidationException("The default factory of " + meta.name() + "." + f.name() + " returned a "
					+ value.getClass().getSimpleName() + "; the field holds a " + f.javaType().getSimpleName() + ".");
		}
		return value;
	}

	/** The current time in the field's Java type, at the precision the databases keep. */
	static Object now(FieldMeta f, ZoneId zone) {
		Class<?> type = f.javaType();
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		if (type == Instant.class) {
			return now;
		}
		if (type == ZonedDateTime.class) {
			return now.atZone(zone);
		}
		if (type == LocalDateTime.class) {
			return LocalDateTime.ofInstant(now, zone);
		}
		if (type == LocalTime.class) {
			return LocalTime.ofInstant(now, zone);
		}
		if (type == OffsetTime.class) {
			return OffsetTime.ofInstant(now, zone);
		}
		return OffsetDateTime.ofInstant(now, zone);
	}

	/**
	 * A column field of the model named by a write's option ({@code what}), the key included
	 * or not; else a {@code FieldException} naming it and the valid fields.
	 */
	static FieldMeta columnField(ModelMeta<?> meta, String name, String what, boolean keyAllowed) {
		FieldMeta f = meta.findField(name);
		if (f == null || !f.kind().hasColumn() || (!keyAllowed && f.pk())) {
			throw new FieldException(what + " names \"" + name + "\", which is not a column" + (keyAllowed ? " field" : "")
					+ " of " + meta.name() + (keyAllowed ? "" : " it can write") + ". Valid fields: " + String.join(", ",
							meta.columns().stream().filter((c) -> keyAllowed || !c.pk()).map(FieldMeta::name).toList())
					+ ".");
		}
		return f;
	}

	/** The columns an update sets, from field names, plus auto-now fields. */
	static Map<FieldMeta, Object> assignments(ModelMeta<?> meta, Map<String, ?> values, ZoneId zone) {
		Map<FieldMeta, Object> out = new LinkedHashMap<>();
		values.forEach((key, value) -> {
			FieldMeta f = meta.findField(key);
			if (f == null || !f.kind().hasColumn()) {
				throw new FieldException("Cannot update \"" + key + "\" of model " + meta.name() + ": it is not a"
						+ " column field. Valid fields: " + String.join(", ", meta.columns().stream()
							.map(FieldMeta::name).toList()) + ".");
			}
			if (value instanceof Expression) {
				out.put(f, value); // computed by the database; checked as it is written
				return;
			}
			if (value == null && !f.nullable()) {
				throw new ValidationException("Field " + meta.name() + "." + f.name() + " is not nullable.");
			}
			f.validate(value);
			out.put(f, value);
		});
		for (FieldMeta f : meta.columns()) {
			if (f.autoNow() && !out.containsKey(f)) {
				out.put(f, now(f, zone));
			}
		}
		return out;
	}

}

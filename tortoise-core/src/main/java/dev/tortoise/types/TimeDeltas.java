package dev.tortoise.types;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Set;

import dev.tortoise.exceptions.ValidationException;
import dev.tortoise.fields.FieldType;
import dev.tortoise.models.FieldMeta;

/** {@code TimeDeltaField}: a {@code Duration} as a BIGINT of microseconds, as Tortoise stores a {@code timedelta}. */
final class TimeDeltas extends TypeHandler {

	TimeDeltas() {
		super(FieldType.TIMEDELTA);
	}

	@Override
	public String tortoiseName() {
		return "TimeDeltaField";
	}

	@Override
	Set<Class<?>> javaTypes() {
		return Set.of(Duration.class);
	}

	/** ISO-8601 ({@code PT1H30M}), or a whole number of microseconds as stored. */
	@Override
	public Object parse(Class<?> javaType, String text) {
		String s = text.trim();
		if (!s.isEmpty() && (Character.isDigit(s.charAt(s.length() - 1)))) {
			return Duration.of(Long.parseLong(s), ChronoUnit.MICROS);
		}
		return Duration.parse(s);
	}

	@Override
	public Class<?> dbClass(FieldMeta field, TypeContext ctx) {
		return Long.class;
	}

	@Override
	public Object toDb(FieldMeta field, Object value, TypeContext ctx) {
		Duration d = (Duration) value;
		try {
			return micros(d);
		}
		catch (ArithmeticException ex) {
			throw new ValidationException("Field " + field.owner().name() + "." + field.name() + " holds " + d
					+ ", which is more microseconds than a BIGINT holds.", ex);
		}
	}

	/** Whole microseconds, as Python's {@code timedelta} keeps them (finer parts dropped). */
	static long micros(Duration d) {
		return Math.addExact(Math.multiplyExact(d.getSeconds(), 1_000_000L), d.getNano() / 1000);
	}

	@Override
	public Object fromDb(FieldMeta field, Object value, TypeContext ctx) {
		return Duration.of(((Number) value).longValue(), ChronoUnit.MICROS);
	}

}

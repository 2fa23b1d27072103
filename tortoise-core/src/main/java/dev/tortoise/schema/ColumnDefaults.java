package dev.tortoise.schema;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

import dev.tortoise.fields.FieldType;
import dev.tortoise.models.FieldKind;
import dev.tortoise.models.FieldMeta;
import dev.tortoise.types.EnumValues;

/**
 * A column's {@code DEFAULT} clause as Tortoise's schema generators write it, so that a row
 * another writer inserts without the column (a Python service's raw SQL, a migration, psql)
 * gets the field's default: the default value as a literal (encoded as Tortoise's
 * {@code converters.encoders} encode it), {@code CURRENT_TIMESTAMP} for auto-now datetimes,
 * nothing for text, JSON, UUID and binary fields, relations and generated keys (Tortoise writes
 * none for them either). How a dialect spells booleans, text and the auto-now timestamp is the
 * dialect's ({@link Dialect#booleanDefault}, {@link Dialect#textDefault},
 * {@link Dialect#autoNowDefault}).
 */
final class ColumnDefaults {

	private ColumnDefaults() {
	}

	/** The clause with its leading space, or the empty string. */
	static String of(FieldMeta f, Dialect dialect) {
		FieldType type = f.type();
		if (f.kind() != FieldKind.DATA || (f.pk() && f.generated() && type.isInteger()) || type == FieldType.TEXT
				|| type == FieldType.JSON || type == FieldType.UUID || type == FieldType.BINARY) {
			return "";
		}
		if (type == FieldType.DATETIME && (f.autoNow() || f.autoNowAdd())) {
			return dialect.autoNowDefault(f.autoNow());
		}
		Object value = f.defaultValue();
		return (value == null) ? "" : " DEFAULT " + literal(type, value, dialect);
	}

	static String literal(FieldType type, Object value, Dialect dialect) {
		if (value instanceof Boolean b) {
			return dialect.booleanDefault(b);
		}
		if (value instanceof Enum<?> e) {
			return (type == FieldType.INT_ENUM) ? String.valueOf(EnumValues.number(e))
					: dialect.textDefault(EnumValues.text(e));
		}
		if (value instanceof Double || value instanceof Float) {
			return pythonG15(((Number) value).doubleValue());
		}
		if (value instanceof BigDecimal d) {
			return d.toPlainString();
		}
		if (value instanceof Number n) {
			return n.toString();
		}
		if (value instanceof TemporalAccessor t) {
			return "'" + isoformat(t) + "'";
		}
		return dialect.textDefault(String.valueOf(value));
	}

	/** Python's {@code f"{value:.15g}"}, Tortoise's float encoding. */
	static String pythonG15(double value) {
		if (value == 0) {
			return (1 / value < 0) ? "-0" : "0";
		}
		BigDecimal rounded = new BigDecimal(value).round(new MathContext(15));
		int exponent = rounded.precision() - rounded.scale() - 1;
		if (exponent < -4 || exponent >= 15) {
			BigDecimal mantissa = rounded.movePointLeft(exponent).stripTrailingZeros();
			return mantissa.toPlainString() + "e" + (exponent < 0 ? "-" : "+")
					+ String.format(Locale.ROOT, "%02d", Math.abs(exponent));
		}
		return rounded.stripTrailingZeros().toPlainString();
	}

	/** Python's {@code isoformat()} of a date, a time or a datetime: microseconds only when not zero. */
	static String isoformat(TemporalAccessor t) {
		if (t instanceof LocalDate d) {
			return d.toString();
		}
		if (t instanceof LocalTime time) {
			return time(time);
		}
		if (t instanceof OffsetTime time) {
			return time(time.toLocalTime()) + offset(time.getOffset());
		}
		if (t instanceof LocalDateTime dt) {
			return dt.toLocalDate() + "T" + time(dt.toLocalTime());
		}
		OffsetDateTime dt = (t instanceof Instant i) ? i.atOffset(ZoneOffset.UTC)
				: (t instanceof ZonedDateTime z) ? z.toOffsetDateTime() : (OffsetDateTime) t;
		return dt.toLocalDate() + "T" + time(dt.toLocalTime()) + offset(dt.getOffset());
	}

	private static String time(LocalTime t) {
		String s = String.format(Locale.ROOT, "%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond());
		int micros = t.getNano() / 1000;
		return (micros == 0) ? s : s + String.format(Locale.ROOT, ".%06d", micros);
	}

	private static String offset(ZoneOffset offset) {
		return offset.equals(ZoneOffset.UTC) ? "+00:00" : offset.getId();
	}

}

package dev.tortoise.types;

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

/**
 * Values written as Python writes them, where Tortoise puts Python's text into a schema or a
 * description: floats as {@code f"{v:.15g}"}, dates and times as {@code isoformat()} and
 * {@code str()}.
 */
public final class PythonText {

	private PythonText() {
	}

	/** A duration in whole microseconds, as Tortoise stores a {@code timedelta}. */
	public static long micros(java.time.Duration d) {
		return TimeDeltas.micros(d);
	}

	/** Python's {@code str()} of a {@code timedelta}: {@code [D day[s], ]H:MM:SS[.ffffff]}. */
	public static String str(java.time.Duration d) {
		long micros = micros(d);
		long days = Math.floorDiv(micros, 86_400_000_000L);
		long rest = Math.floorMod(micros, 86_400_000_000L);
		long seconds = rest / 1_000_000;
		long fraction = rest % 1_000_000;
		String time = String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, (seconds / 60) % 60, seconds % 60)
				+ ((fraction == 0) ? "" : String.format(Locale.ROOT, ".%06d", fraction));
		return (days == 0) ? time : days + ((Math.abs(days) == 1) ? " day, " : " days, ") + time;
	}

	/** Python's {@code str()} of a date, a time or a datetime: {@code isoformat()} with a space before the time. */
	public static String str(TemporalAccessor t) {
		String iso = isoformat(t);
		return (t instanceof LocalDate || t instanceof LocalTime || t instanceof OffsetTime) ? iso : iso.replace('T', ' ');
	}

	/** Python's {@code f"{value:.15g}"}, Tortoise's float encoding. */
	public static String g15(double value) {
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
	public static String isoformat(TemporalAccessor t) {
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

package dev.tortoise.sqlite;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * How Java values are stored in SQLite's five storage classes and read back. Dates and times
 * are text in the form Python's {@code isoformat(" ")} writes (what Tortoise ORM and Python's
 * sqlite3 store): {@code 2024-05-01 13:45:00.250000+00:00}, microseconds only when there are
 * any, the offset only for values that have one. Booleans are 0 and 1, decimals and UUIDs
 * text, so that a Python service reads what we write and we read what it writes.
 */
final class Values {

	private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss");

	private static final DateTimeFormatter OFFSET = new DateTimeFormatterBuilder().appendOffset("+HH:MM", "+00:00")
		.toFormatter();

	/** A time of day as the text forms below write it: seconds and fraction optional, an optional offset or Z. */
	private static final DateTimeFormatter PARSE_TIME = new DateTimeFormatterBuilder().appendPattern("HH:mm")
		.optionalStart()
		.appendPattern(":ss")
		.optionalEnd()
		.optionalStart()
		.appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
		.optionalEnd()
		.optionalStart()
		.appendOffset("+HH:MM", "Z")
		.optionalEnd()
		.optionalStart()
		.appendOffset("+HHMM", "Z")
		.optionalEnd()
		.toFormatter();

	/** What the text forms above parse from: a date, then 'T' or a space and a {@link #PARSE_TIME}. */
	private static final DateTimeFormatter PARSE = new DateTimeFormatterBuilder().parseCaseInsensitive()
		.append(DateTimeFormatter.ISO_LOCAL_DATE)
		.optionalStart()
		.appendLiteral(' ')
		.optionalEnd()
		.optionalStart()
		.appendLiteral('T')
		.optionalEnd()
		.optionalStart()
		.append(PARSE_TIME)
		.optionalEnd()
		.toFormatter();

	private Values() {
	}

	/** Python's {@code isoformat}: seconds always, six fraction digits when there is a fraction (below a microsecond is dropped). */
	private static String time(LocalTime t) {
		int micros = t.getNano() / 1000;
		String s = SECONDS.format(t);
		if (micros == 0) {
			return s;
		}
		String fraction = Integer.toString(micros);
		return s + "." + "000000".substring(fraction.length()) + fraction;
	}

	/** Binds a value to a 1-based parameter. */
	static void bind(PreparedStatement ps, int index, @Nullable Object value) throws SQLException {
		if (value == null) {
			ps.setNull(index, java.sql.Types.NULL);
		}
		else if (value instanceof String s) {
			ps.setString(index, s);
		}
		else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
			ps.setLong(index, ((Number) value).longValue());
		}
		else if (value instanceof Boolean b) {
			ps.setInt(index, b ? 1 : 0);
		}
		else if (value instanceof Double || value instanceof Float) {
			ps.setDouble(index, ((Number) value).doubleValue());
		}
		else if (value instanceof byte[] bytes) {
			ps.setBytes(index, bytes);
		}
		else {
			Object stored = storable(value);
			if (stored instanceof byte[] bytes) {
				ps.setBytes(index, bytes);
			}
			else if (stored instanceof Long l) {
				ps.setLong(index, l);
			}
			else {
				ps.setString(index, (String) stored);
			}
		}
	}

	/** A value that is not a string, integer, float or bytes, as SQLite stores it: text, or an integer or bytes. */
	static Object storable(Object value) {
		if (value instanceof BigDecimal d) {
			return d.toPlainString();
		}
		if (value instanceof BigInteger i) {
			return (i.bitLength() < 64) ? (Object) i.longValue() : i.toString();
		}
		if (value instanceof ByteBuffer b) {
			ByteBuffer copy = b.duplicate();
			byte[] bytes = new byte[copy.remaining()];
			copy.get(bytes);
			return bytes;
		}
		if (value instanceof LocalDateTime t) {
			return t.toLocalDate() + " " + time(t.toLocalTime());
		}
		if (value instanceof OffsetDateTime t) {
			return t.toLocalDate() + " " + time(t.toLocalTime()) + OFFSET.format(t);
		}
		if (value instanceof ZonedDateTime t) {
			return storable(t.toOffsetDateTime());
		}
		if (value instanceof Instant t) {
			return storable(t.atOffset(ZoneOffset.UTC));
		}
		if (value instanceof LocalDate d) {
			return d.toString();
		}
		if (value instanceof LocalTime t) {
			return time(t);
		}
		if (value instanceof OffsetTime t) {
			return time(t.toLocalTime()) + OFFSET.format(t);
		}
		if (value instanceof UUID || value instanceof CharSequence || value instanceof Character) {
			return value.toString();
		}
		if (value instanceof Enum<?> e) {
			return e.name();
		}
		throw new IllegalArgumentException("Cannot bind a value of " + value.getClass().getName()
				+ " to SQLite: bind a String, a number, a Boolean, byte[], a java.time value, a UUID or an enum.");
	}

	/**
	 * A stored value (Long or Integer, Double, String or byte[], as sqlite-jdbc reads them)
	 * as the requested class.
	 * @throws IllegalArgumentException when the value cannot be had as that class
	 */
	@SuppressWarnings("unchecked")
	static <T> T convert(Object raw, Class<T> type) {
		if (type == Object.class || type.isInstance(raw) && !(raw instanceof Integer && type == Number.class)) {
			return (T) raw;
		}
		Object v = convertTo(raw, type);
		if (v == null) {
			throw new IllegalArgumentException("Cannot read the SQLite value " + describe(raw) + " as " + type.getName()
					+ ".");
		}
		return (T) v;
	}

	private static @Nullable Object convertTo(Object raw, Class<?> type) {
		if (type == Long.class || type == long.class) {
			return (raw instanceof Number n) ? (Object) exactLong(n) : (raw instanceof String s) ? Long.valueOf(s.trim()) : null;
		}
		if (type == Integer.class || type == int.class) {
			return (raw instanceof Number n) ? (Object) Math.toIntExact(exactLong(n))
					: (raw instanceof String s) ? Integer.valueOf(s.trim()) : null;
		}
		if (type == Short.class || type == short.class) {
			long l = (raw instanceof Number n) ? exactLong(n) : Long.parseLong(raw.toString().trim());
			if (l < Short.MIN_VALUE || l > Short.MAX_VALUE) {
				throw new ArithmeticException(l + " does not fit a short");
			}
			return (short) l;
		}
		if (type == Byte.class || type == byte.class) {
			long l = (raw instanceof Number n) ? exactLong(n) : Long.parseLong(raw.toString().trim());
			if (l < Byte.MIN_VALUE || l > Byte.MAX_VALUE) {
				throw new ArithmeticException(l + " does not fit a byte");
			}
			return (byte) l;
		}
		if (type == Boolean.class || type == boolean.class) {
			if (raw instanceof Number n) {
				return n.doubleValue() != 0;
			}
			String s = raw.toString().trim();
			return "1".equals(s) || "true".equalsIgnoreCase(s) || "t".equalsIgnoreCase(s);
		}
		if (type == Double.class || type == double.class) {
			return (raw instanceof Number n) ? (Object) n.doubleValue() : Double.valueOf(raw.toString().trim());
		}
		if (type == Float.class || type == float.class) {
			return (raw instanceof Number n) ? (Object) n.floatValue() : Float.valueOf(raw.toString().trim());
		}
		if (type == BigDecimal.class || type == Number.class) {
			if (raw instanceof Double d) {
				return BigDecimal.valueOf(d);
			}
			return (raw instanceof Number n) ? BigDecimal.valueOf(n.longValue()) : new BigDecimal(raw.toString().trim());
		}
		if (type == BigInteger.class) {
			return (raw instanceof Number n) ? BigInteger.valueOf(exactLong(n)) : new BigInteger(raw.toString().trim());
		}
		if (type == String.class) {
			return (raw instanceof byte[] b) ? new String(b, java.nio.charset.StandardCharsets.UTF_8) : raw.toString();
		}
		if (type == byte[].class) {
			return (raw instanceof String s) ? s.getBytes(java.nio.charset.StandardCharsets.UTF_8) : null;
		}
		if (type == ByteBuffer.class) {
			return ByteBuffer.wrap((raw instanceof byte[] b) ? b : raw.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
		}
		if (type == UUID.class) {
			return (raw instanceof byte[] b && b.length == 16) ? uuid(b) : UUID.fromString(raw.toString().trim());
		}
		return temporal(raw, type);
	}

	private static @Nullable Object temporal(Object raw, Class<?> type) {
		if (raw instanceof Number n && (type == Instant.class || type == OffsetDateTime.class
				|| type == ZonedDateTime.class || type == LocalDateTime.class)) {
			// Seconds since the epoch, as SQLite's unixepoch() and Python's fromtimestamp() read integers.
			Instant at = (raw instanceof Double d) ? Instant.ofEpochMilli(Math.round(d * 1000))
					: Instant.ofEpochSecond(n.longValue());
			return temporal(at.atOffset(ZoneOffset.UTC).toString(), type);
		}
		String s = raw.toString().trim();
		if (type == LocalTime.class || type == OffsetTime.class) {
			TemporalAccessor t = PARSE_TIME.parse(s);
			LocalTime time = LocalTime.from(t);
			if (type == LocalTime.class) {
				return time;
			}
			return time.atOffset(t.isSupported(ChronoField.OFFSET_SECONDS) ? ZoneOffset.from(t) : ZoneOffset.UTC);
		}
		TemporalAccessor t = PARSE.parse(s);
		LocalDate date = LocalDate.from(t);
		if (type == LocalDate.class) {
			return date;
		}
		LocalDateTime local = t.isSupported(ChronoField.HOUR_OF_DAY) ? LocalDateTime.of(date, LocalTime.from(t))
				: date.atStartOfDay();
		boolean hasOffset = t.isSupported(ChronoField.OFFSET_SECONDS);
		if (type == LocalDateTime.class) {
			return local;
		}
		// Text without an offset is read as UTC, as SQLite's own date functions read it.
		OffsetDateTime at = local.atOffset(hasOffset ? ZoneOffset.from(t) : ZoneOffset.UTC);
		if (type == OffsetDateTime.class) {
			return at;
		}
		if (type == ZonedDateTime.class) {
			return at.toZonedDateTime();
		}
		if (type == Instant.class) {
			return at.toInstant();
		}
		return null;
	}

	private static long exactLong(Number n) {
		if (n instanceof Double d) {
			if (d != Math.rint(d) || Double.isInfinite(d)) {
				throw new ArithmeticException(d + " is not an integer");
			}
			return d.longValue();
		}
		return n.longValue();
	}

	private static UUID uuid(byte[] b) {
		ByteBuffer buffer = ByteBuffer.wrap(b);
		return new UUID(buffer.getLong(), buffer.getLong());
	}

	/** The Java class a stored value is read as when no class is asked for. */
	static String describe(Object raw) {
		String text = (raw instanceof byte[] b) ? b.length + " bytes" : "\"" + raw + "\"";
		return text + " (" + raw.getClass().getSimpleName() + ")";
	}

}

package dev.tortoise.query;

import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tortoise.exceptions.ValidationException;
import dev.tortoise.fields.FieldType;
import dev.tortoise.models.FieldKind;
import dev.tortoise.models.FieldMeta;
import dev.tortoise.schema.Dialect;
import org.jspecify.annotations.Nullable;

/**
 * Converts field values to what a driver binds and back, per dialect, with Tortoise's
 * time-zone rules: aware datetimes are stored as instants (UTC on MySQL when
 * {@code use_tz}, else in the configured zone) and read back in the configured zone.
 */
final class ValueCodec {

	private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules().build();

	private static final Map<Class<?>, Object[]> INT_ENUMS = new ConcurrentHashMap<>();

	private static final Map<Class<?>, Map<Integer, Object>> INT_ENUM_LOOKUP = new ConcurrentHashMap<>();

	private final Dialect dialect;

	/** Whether datetimes are stored without an offset (a local date-time, UTC when {@code use_tz}). */
	private final boolean localDatetimes;

	private final boolean uuidAsText;

	private final boolean useTz;

	private final ZoneId zone;

	ValueCodec(Dialect dialect, boolean useTz, ZoneId zone) {
		this.dialect = dialect;
		this.localDatetimes = !dialect.datetimeHasOffset();
		this.uuidAsText = dialect.uuidAsText();
		this.useTz = useTz;
		this.zone = zone;
	}

	Dialect dialect() {
		return this.dialect;
	}

	/** The field that defines a column's type: the field itself, or what a relation points at. */
	static FieldMeta dataField(FieldMeta f) {
		return dev.tortoise.query.sql.Params.dataField(f);
	}

	/** The class a driver reads and binds NULL for, for the column of a field. */
	Class<?> dbClass(FieldMeta field) {
		FieldMeta f = dataField(field);
		switch (f.type()) {
			case INT:
				return Integer.class;
			case BIGINT:
				return Long.class;
			case SMALLINT:
			case INT_ENUM:
				return Short.class;
			case BOOLEAN:
				return Boolean.class;
			case DECIMAL:
				return BigDecimal.class;
			case FLOAT:
				return Double.class;
			case DATETIME:
				return this.localDatetimes ? LocalDateTime.class : OffsetDateTime.class;
			case DATE:
				return LocalDate.class;
			case TIME:
				return this.dialect.timeHasOffset(f) ? OffsetTime.class : LocalTime.class;
			case UUID:
				return this.uuidAsText ? String.class : UUID.class;
			case BINARY:
				return byte[].class;
			default:
				return String.class;
		}
	}

	/**
	 * The value to bind for a field; a model instance given for a relation stands for its key.
	 * @throws ValidationException if the value does not fit the field
	 */
	Object toDb(FieldMeta field, Object value) {
		FieldMeta f = dataField(field);
		try {
			return encode(f, (value instanceof String s) ? parse(f, s) : value);
		}
		catch (ClassCastException | ArithmeticException | IllegalArgumentException | DateTimeParseException ex) {
			throw invalid(field, value, ex.getMessage());
		}
	}

	private Object encode(FieldMeta f, Object value) {
		switch (f.type()) {
			case INT:
				return Math.toIntExact(integral(value));
			case BIGINT:
				return integral(value);
			case SMALLINT: {
				long v = integral(value);
				if (v < Short.MIN_VALUE || v > Short.MAX_VALUE) {
					throw new ArithmeticException("out of range for a small integer");
				}
				return (short) v;
			}
			case CHAR:
			case TEXT: {
				String s = (String) value;
				if (f.type() == FieldType.CHAR && s.length() > f.maxLength()) {
					throw new IllegalArgumentException("longer than maxLength " + f.maxLength());
				}
				return s;
			}
			case BOOLEAN:
				return (Boolean) value;
			case DECIMAL:
				return decimal(f, value);
			case FLOAT:
				return ((Number) value).doubleValue();
			case DATETIME:
				return datetime(value);
			case DATE:
				return (LocalDate) value;
			case TIME:
				return time(f, value);
			case UUID: {
				UUID uuid = (value instanceof String s) ? UUID.fromString(s) : (UUID) value;
				return this.uuidAsText ? uuid.toString() : uuid;
			}
			case JSON:
				return json(value);
			case BINARY:
				return (value instanceof ByteBuffer b) ? bytes(b) : (byte[]) value;
			case CHAR_ENUM: {
				String name = (value instanceof Enum<?> e) ? e.name() : (String) value;
				if (!(value instanceof Enum<?>)) {
					enumByName(f.javaType(), name);
				}
				return name;
			}
			case INT_ENUM:
				return (short) intEnumValue((Enum<?>) value);
			default:
				throw new IllegalArgumentException("unsupported type " + f.type());
		}
	}

	/**
	 * A value given as text (a query parameter, a form field) in the field's type, as
	 * Tortoise's {@code to_db_value} converts it: numbers, booleans, dates and times in ISO
	 * format, int enums by value or name. Text fields keep the string as it is.
	 */
	private static Object parse(FieldMeta f, String text) {
		String s = text.trim();
		switch (f.type()) {
			case INT:
			case BIGINT:
			case SMALLINT:
				return Long.parseLong(s);
			case FLOAT:
				return Double.parseDouble(s);
			case DECIMAL:
				return new BigDecimal(s);
			case BOOLEAN:
				if (s.equalsIgnoreCase("true") || s.equals("1")) {
					return Boolean.TRUE;
				}
				if (s.equalsIgnoreCase("false") || s.equals("0")) {
					return Boolean.FALSE;
				}
				throw new IllegalArgumentException("not a boolean: use true, false, 1 or 0");
			case DATE:
				return LocalDate.parse(s);
			case TIME:
				return (s.endsWith("Z") || s.indexOf('+') > 0 || s.lastIndexOf('-') > 0) ? OffsetTime.parse(s) : LocalTime.parse(s);
			case DATETIME:
				return (s.endsWith("Z") || s.indexOf('+') > 10 || s.lastIndexOf('-') > 10) ? OffsetDateTime.parse(s)
						: LocalDateTime.parse(s);
			case INT_ENUM: {
				for (Object constant : f.javaType().getEnumConstants()) {
					Enum<?> e = (Enum<?>) constant;
					if (e.name().equals(s) || String.valueOf(intEnumValue(e)).equals(s)) {
						return e;
					}
				}
				throw new IllegalArgumentException("not a value or name of " + f.javaType().getSimpleName());
			}
			default:
				return text;
		}
	}

	private static long integral(Object value) {
		if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
			return ((Number) value).longValue();
		}
		if (value instanceof BigDecimal b) {
			return b.longValueExact();
		}
		throw new ClassCastException("not an integer");
	}

	private static BigDecimal decimal(FieldMeta f, Object value) {
		BigDecimal d = (value instanceof BigDecimal b) ? b
				: (value instanceof Double || value instanceof Float) ? BigDecimal.valueOf(((Number) value).doubleValue())
						: BigDecimal.valueOf(integral(value));
		BigDecimal scaled = d.setScale(f.decimalPlaces(), RoundingMode.HALF_EVEN);
		if (scaled.precision() - scaled.scale() > f.maxDigits() - f.decimalPlaces()) {
			throw new ArithmeticException("more than " + (f.maxDigits() - f.decimalPlaces()) + " digits before the point");
		}
		return scaled;
	}

	private Object datetime(Object value) {
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
			instant = l.atZone(this.zone).toOffsetDateTime();
		}
		else {
			throw new ClassCastException("not a date-time");
		}
		if (this.localDatetimes) {
			return instant.atZoneSameInstant(this.useTz ? ZoneOffset.UTC : this.zone).toLocalDateTime();
		}
		return this.useTz ? instant.withOffsetSameInstant(ZoneOffset.UTC) : instant;
	}

	private Object time(FieldMeta f, Object value) {
		if (this.dialect.timeHasOffset(f)) {
			return (value instanceof OffsetTime o) ? o : ((LocalTime) value).atOffset(ZoneOffset.UTC);
		}
		return (value instanceof OffsetTime o) ? o.withOffsetSameInstant(ZoneOffset.UTC).toLocalTime() : (LocalTime) value;
	}

	private static String json(Object value) {
		if (value instanceof String s) {
			return s;
		}
		try {
			return JSON.writeValueAsString(value);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalArgumentException("not serialisable to JSON: " + ex.getOriginalMessage());
		}
	}

	private static byte[] bytes(ByteBuffer buffer) {
		byte[] out = new byte[buffer.remaining()];
		buffer.duplicate().get(out);
		return out;
	}

	/** The Java value of a column read as {@link #dbClass}, in the field's declared type. */
	@Nullable Object fromDb(FieldMeta field, @Nullable Object value) {
		if (value == null) {
			return null;
		}
		FieldMeta f = dataField(field);
		Class<?> target = f.javaType();
		switch (f.type()) {
			case INT:
				return ((Number) value).intValue();
			case BIGINT:
				return ((Number) value).longValue();
			case SMALLINT:
				return ((Number) value).shortValue();
			case BOOLEAN:
				return (value instanceof Number n) ? n.intValue() != 0 : value;
			case DECIMAL:
				return ((BigDecimal) value).setScale(f.decimalPlaces(), RoundingMode.HALF_EVEN);
			case FLOAT:
				return (target == float.class || target == Float.class) ? (Object) ((Number) value).floatValue()
						: (Object) ((Number) value).doubleValue();
			case DATETIME:
				return readDatetime(target, value);
			case TIME:
				if (value instanceof OffsetTime o) {
					return (target == OffsetTime.class) ? o : o.toLocalTime();
				}
				return (target == OffsetTime.class) ? ((LocalTime) value).atOffset(ZoneOffset.UTC) : value;
			case UUID:
				return (value instanceof String s) ? UUID.fromString(s) : value;
			case JSON:
				return readJson(f, value.toString());
			case BINARY:
				return (value instanceof ByteBuffer b) ? bytes(b) : value;
			case CHAR_ENUM:
				return readEnum(f, value.toString());
			case INT_ENUM:
				return intEnum(target, ((Number) value).intValue());
			default:
				return value;
		}
	}

	/**
	 * The class whose values, read as {@link #dbClass}, are already what the field holds, so
	 * that a row's value of exactly that class can skip the {@link #decoder}; null when every
	 * value is converted. Drivers return the class asked for; the decoder still converts
	 * any other (a driver that widens a number, say).
	 */
	@Nullable Class<?> readsAsIs(FieldMeta field) {
		FieldMeta f = dataField(field);
		Class<?> target = f.javaType();
		return switch (f.type()) {
			case INT -> Integer.class;
			case BIGINT -> Long.class;
			case CHAR, TEXT -> String.class;
			case FLOAT -> (target == float.class || target == Float.class) ? null : Double.class;
			default -> null;
		};
	}

	/**
	 * A decoder for one column, chosen once: the common types convert without the type
	 * switch, the others go through {@link #fromDb}. Never called with NULL.
	 */
	java.util.function.UnaryOperator<Object> decoder(FieldMeta field) {
		FieldMeta f = dataField(field);
		Class<?> target = f.javaType();
		switch (f.type()) {
			case INT:
				return (v) -> (v instanceof Integer) ? v : (Object) ((Number) v).intValue();
			case BIGINT:
				return (v) -> (v instanceof Long) ? v : (Object) ((Number) v).longValue();
			case CHAR:
			case TEXT:
				return (v) -> v;
			case DECIMAL: {
				int scale = f.decimalPlaces();
				return (v) -> {
					BigDecimal d = (BigDecimal) v;
					return (d.scale() == scale) ? d : d.setScale(scale, RoundingMode.HALF_EVEN);
				};
			}
			case FLOAT:
				return (target == float.class || target == Float.class) ? (v) -> ((Number) v).floatValue()
						: (v) -> (v instanceof Double) ? v : (Object) ((Number) v).doubleValue();
			default:
				return (v) -> fromDb(field, v);
		}
	}

	private Object readDatetime(Class<?> target, Object value) {
		ZonedDateTime at;
		if (value instanceof LocalDateTime l) {
			at = l.atZone(this.localDatetimes && this.useTz ? ZoneOffset.UTC : this.zone);
		}
		else {
			at = ((OffsetDateTime) value).atZoneSameInstant(this.zone);
		}
		at = at.withZoneSameInstant(this.zone);
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

	private static Object readJson(FieldMeta f, String text) {
		if (f.javaType() == String.class) {
			return text;
		}
		try {
			JavaType type = JSON.getTypeFactory().constructType(f.genericType());
			return JSON.readValue(text, type);
		}
		catch (JsonProcessingException ex) {
			throw new ValidationException("Column " + f.column() + " of " + f.owner().name() + " holds JSON that does"
					+ " not read as " + f.genericType().getTypeName() + ": " + ex.getOriginalMessage(), ex);
		}
	}

	/** A stored enum name as its constant; a name the enum does not have is the database's data, not a bug. */
	private static Object readEnum(FieldMeta f, String name) {
		try {
			return enumByName(f.javaType(), name);
		}
		catch (IllegalArgumentException ex) {
			throw new ValidationException("Column " + f.column() + " of " + f.owner().name() + " holds \"" + name
					+ "\", which is not a constant of " + f.javaType().getSimpleName() + " "
					+ java.util.Arrays.toString(f.javaType().getEnumConstants())
					+ ": add it to the enum or correct the row.", ex);
		}
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static Object enumByName(Class<?> type, String name) {
		return Enum.valueOf((Class<? extends Enum>) type, name);
	}

	/** The stored number of an int enum: its {@code int value()} if it has one, else its ordinal. */
	static int intEnumValue(Enum<?> constant) {
		Object[] values = INT_ENUMS.computeIfAbsent(constant.getDeclaringClass(), ValueCodec::intEnumValues);
		return (Integer) values[constant.ordinal()];
	}

	private static Object[] intEnumValues(Class<?> type) {
		Object[] constants = type.getEnumConstants();
		Object[] values = new Object[constants.length];
		Method value = null;
		try {
			value = type.getDeclaredMethod("value");
			value.setAccessible(true);
		}
		catch (NoSuchMethodException ex) {
			// ordinal it is
		}
		for (int i = 0; i < constants.length; i++) {
			try {
				values[i] = (value != null && (value.getReturnType() == int.class || value.getReturnType() == Integer.class))
						? (Integer) value.invoke(constants[i]) : (Integer) i;
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return values;
	}

	private static Object intEnum(Class<?> type, int stored) {
		Map<Integer, Object> lookup = INT_ENUM_LOOKUP.computeIfAbsent(type, (t) -> {
			Map<Integer, Object> m = new ConcurrentHashMap<>();
			for (Object constant : t.getEnumConstants()) {
				m.put(intEnumValue((Enum<?>) constant), constant);
			}
			return m;
		});
		Object constant = lookup.get(stored);
		if (constant == null) {
			throw new ValidationException(stored + " is not a value of " + type.getSimpleName() + ".");
		}
		return constant;
	}

	static ValidationException invalid(FieldMeta field, Object value, @Nullable String why) {
		FieldMeta f = dataField(field);
		return new ValidationException("Value " + describe(value) + " does not fit field " + field.owner().name() + "."
				+ field.name() + " (" + f.type() + ", Java type " + f.javaType().getSimpleName() + ")"
				+ ((why != null) ? ": " + why : "") + ".");
	}

	private static String describe(Object value) {
		String text = String.valueOf(value);
		if (text.length() > 60) {
			text = text.substring(0, 57) + "...";
		}
		return "\"" + text + "\" of type " + value.getClass().getSimpleName();
	}

}

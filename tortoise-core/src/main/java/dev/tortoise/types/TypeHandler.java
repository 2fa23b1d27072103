package dev.tortoise.types;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import dev.tortoise.fields.FieldType;
import dev.tortoise.models.FieldMeta;
import dev.tortoise.schema.Dialect;
import org.jspecify.annotations.Nullable;

/**
 * Everything one field type does, in one place: the Java types a field of it may be
 * declared with, its default values written as text, how a value is bound (Tortoise's
 * {@code to_db_value}) and read back ({@code to_python_value}), and its column's SQL type.
 * Handlers are stateless and shared; what a conversion depends on beyond the field comes in
 * a {@link TypeContext}. Conversions throw {@link IllegalArgumentException},
 * {@link ClassCastException} or {@link ArithmeticException} for a value that does not fit,
 * which callers turn into a {@code ValidationException} naming the field.
 */
public abstract class TypeHandler {

	private static final Map<FieldType, TypeHandler> HANDLERS = handlers();

	private final FieldType type;

	TypeHandler(FieldType type) {
		this.type = type;
	}

	private static Map<FieldType, TypeHandler> handlers() {
		Map<FieldType, TypeHandler> all = new EnumMap<>(FieldType.class);
		for (TypeHandler h : new TypeHandler[] { new Integers(FieldType.INT), new Integers(FieldType.BIGINT),
				new Integers(FieldType.SMALLINT), new Texts(FieldType.CHAR), new Texts(FieldType.TEXT), new Booleans(),
				new Decimals(), new Floats(), new Datetimes(), new Dates(), new Times(), new Uuids(), new Jsons(),
				new Binaries(), new CharEnums(), new IntEnums(), new TimeDeltas(), new PgArrays(), new TsVectors() }) {
			all.put(h.type(), h);
		}
		return all;
	}

	/** The handler of a field type. */
	public static TypeHandler of(FieldType type) {
		return HANDLERS.get(type);
	}

	public final FieldType type() {
		return this.type;
	}

	// --- declaring fields ------------------------------------------------------------------

	/** The Java types a field of this type may be declared with (enums and JSON say so in {@link #accepts}). */
	abstract Set<Class<?>> javaTypes();

	/** Whether a field of this type may be declared with the Java type. */
	public boolean accepts(Class<?> javaType) {
		return javaTypes().contains(javaType);
	}

	/** Whether a field declared with the Java type and no annotation is of this type. */
	public boolean inferredFrom(Class<?> javaType) {
		return javaTypes().contains(javaType);
	}

	/** The Java types {@link #accepts} takes, for error messages. */
	public String expected() {
		return javaTypes().stream().map(Class::getSimpleName).sorted().reduce((a, b) -> a + ", " + b).orElse("");
	}

	/** Tortoise ORM's field class for this type, e.g. {@code BigIntField}. */
	public String tortoiseName() {
		String n = this.type.name();
		return n.charAt(0) + n.substring(1).toLowerCase(java.util.Locale.ROOT) + "Field";
	}

	/** A default value written as text (an annotation's), in the field's Java type. */
	public Object parseDefault(Class<?> javaType, String text) {
		return parse(javaType, text.trim());
	}

	// --- values ----------------------------------------------------------------------------

	/**
	 * A value given as text (a query parameter, a form field) in the field's type, as
	 * Tortoise's {@code to_db_value} converts it; text fields keep the string as it is.
	 */
	public Object parse(Class<?> javaType, String text) {
		return text;
	}

	/** The class a driver binds and reads for a column of the field (and binds NULL as). */
	public abstract Class<?> dbClass(FieldMeta field, TypeContext ctx);

	/** The class a driver reads a column of the field as: {@link #dbClass} unless the dialect stores it otherwise. */
	public Class<?> readClass(FieldMeta field, TypeContext ctx) {
		return dbClass(field, ctx);
	}

	/** The value to bind for a value of the field ({@code to_db_value}). */
	public abstract Object toDb(FieldMeta field, Object value, TypeContext ctx);

	/** The field's value of a column read as {@link #dbClass} ({@code to_python_value}); never NULL. */
	public abstract Object fromDb(FieldMeta field, Object value, TypeContext ctx);

	/** {@link #fromDb} for one column, chosen once, for reading rows. */
	public UnaryOperator<Object> decoder(FieldMeta field, TypeContext ctx) {
		return (v) -> fromDb(field, v, ctx);
	}

	/**
	 * The class whose values, read as {@link #dbClass}, are already what the field holds, so
	 * that a row's value of exactly that class skips the decoder; null when every value is
	 * converted.
	 */
	public @Nullable Class<?> readsAsIs(FieldMeta field) {
		return null;
	}

	// --- columns ---------------------------------------------------------------------------

	/** The column's SQL type on a dialect, as Tortoise's per-dialect mapping names it. */
	public String sqlType(FieldMeta field, Dialect dialect) {
		return dialect.typeName(this.type);
	}

	/**
	 * Whether lists of the type are keys that drivers bind as one array, where the dialect
	 * binds arrays at all: integers, text and UUIDs.
	 */
	public boolean keyLike() {
		return false;
	}

	/** An {@code ArrayField} element SQL type's Java class, or null where it has none we bind. */
	public static @Nullable Class<?> arrayElementClass(String sqlType) {
		return PgArrays.elementClass(sqlType);
	}

	/** The element types an {@code ArrayField} takes, for error messages. */
	public static String arrayElementTypes() {
		return PgArrays.elementTypes();
	}

	/** The element class a List or array field declares, or null if its declaration does not say. */
	public static @Nullable Class<?> declaredArrayElement(Class<?> javaType, java.lang.reflect.Type genericType) {
		return PgArrays.declaredElement(javaType, genericType);
	}

	static long integral(Object value) {
		if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
			return ((Number) value).longValue();
		}
		if (value instanceof java.math.BigDecimal b) {
			return b.longValueExact();
		}
		throw new ClassCastException("not an integer");
	}

}

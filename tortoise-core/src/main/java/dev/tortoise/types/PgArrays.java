package dev.tortoise.types;

import java.lang.reflect.Array;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.tortoise.fields.FieldType;
import dev.tortoise.models.FieldMeta;
import dev.tortoise.schema.Dialect;
import org.jspecify.annotations.Nullable;

/**
 * {@code ArrayField}: a PostgreSQL array bound and read as a Java array of the element's
 * class, held by the field as a {@code List} or as that array.
 */
final class PgArrays extends TypeHandler {

	/** Element SQL types (without length or precision) and the Java class the driver binds them as. */
	private static final Map<String, Class<?>> ELEMENTS = Map.ofEntries(Map.entry("int", Integer.class),
			Map.entry("integer", Integer.class), Map.entry("int4", Integer.class), Map.entry("bigint", Long.class),
			Map.entry("int8", Long.class), Map.entry("smallint", Short.class), Map.entry("int2", Short.class),
			Map.entry("text", String.class), Map.entry("varchar", String.class),
			Map.entry("character varying", String.class), Map.entry("char", String.class),
			Map.entry("character", String.class), Map.entry("bool", Boolean.class), Map.entry("boolean", Boolean.class),
			Map.entry("double precision", Double.class), Map.entry("float8", Double.class),
			Map.entry("real", Float.class), Map.entry("float4", Float.class), Map.entry("uuid", java.util.UUID.class),
			Map.entry("numeric", java.math.BigDecimal.class), Map.entry("decimal", java.math.BigDecimal.class),
			Map.entry("date", java.time.LocalDate.class));

	PgArrays() {
		super(FieldType.ARRAY);
	}

	/** The Java class of an element SQL type ({@code int}, {@code varchar(20)}...), or null if not supported. */
	static @Nullable Class<?> elementClass(String sqlType) {
		String base = sqlType.toLowerCase(Locale.ROOT).replaceAll("\\(.*\\)", "").trim();
		return ELEMENTS.get(base);
	}

	/** The element types {@link #elementClass} knows, for error messages. */
	static String elementTypes() {
		return "int, bigint, smallint, text, varchar(n), bool, double precision, real, uuid, numeric(p,s), date";
	}

	/** The element class a field's Java type declares: a List's type argument or an array's component. */
	static @Nullable Class<?> declaredElement(Class<?> javaType, Type genericType) {
		if (javaType.isArray()) {
			return javaType.getComponentType();
		}
		if (genericType instanceof ParameterizedType p && p.getActualTypeArguments()[0] instanceof Class<?> c) {
			return c;
		}
		return null;
	}

	@Override
	Set<Class<?>> javaTypes() {
		return Set.of();
	}

	@Override
	public boolean accepts(Class<?> javaType) {
		return javaType == List.class || javaType == Collection.class
				|| (javaType.isArray() && !javaType.getComponentType().isPrimitive());
	}

	@Override
	public boolean inferredFrom(Class<?> javaType) {
		return false;
	}

	@Override
	public String expected() {
		return "a List or an array of the element type";
	}

	@Override
	public String tortoiseName() {
		return "ArrayField";
	}

	@Override
	public Object parseDefault(Class<?> javaType, String text) {
		throw new IllegalArgumentException("an ArrayField takes no default value (Tortoise writes none)");
	}

	@Override
	public Class<?> dbClass(FieldMeta field, TypeContext ctx) {
		return field.arrayElementClass().arrayType();
	}

	@Override
	public Object toDb(FieldMeta field, Object value, TypeContext ctx) {
		Class<?> element = field.arrayElementClass();
		if (value.getClass().isArray()) {
			return value;
		}
		Collection<?> items = (Collection<?>) value;
		Object array = Array.newInstance(element, items.size());
		int i = 0;
		for (Object item : items) {
			if (item != null && !element.isInstance(item)) {
				throw new IllegalArgumentException("element " + i + " is a " + item.getClass().getSimpleName()
						+ ", not a " + element.getSimpleName());
			}
			Array.set(array, i++, item);
		}
		return array;
	}

	@Override
	public Object fromDb(FieldMeta field, Object value, TypeContext ctx) {
		if (field.javaType().isArray()) {
			return value;
		}
		List<Object> list = new ArrayList<>();
		for (int i = 0, n = Array.getLength(value); i < n; i++) {
			list.add(Array.get(value, i));
		}
		return list;
	}

	@Override
	public String sqlType(FieldMeta field, Dialect dialect) {
		dialect.typeName(FieldType.ARRAY);
		return field.arrayElement().toUpperCase(Locale.ROOT) + "[]";
	}

}

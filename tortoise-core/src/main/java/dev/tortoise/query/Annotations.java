package dev.tortoise.query;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

import dev.tortoise.exceptions.FieldException;
import dev.tortoise.exceptions.ParamsException;
import dev.tortoise.query.sql.Bindings;
import dev.tortoise.query.sql.Condition;
import dev.tortoise.query.sql.Part;
import dev.tortoise.query.sql.Value;
import org.jspecify.annotations.Nullable;

/**
 * A query's annotations in its statement: each one's expression as a column, the filters
 * that name one (in WHERE, or HAVING for aggregates), and the values read back into each
 * instance. An annotation's numbers are read from the call's argument at
 * {@code first + its index}, which holds its expression.
 */
final class Annotations {

	/** Annotation values of instances read, for {@code ctx.annotation(instance, name)}. */
	private static final Map<Object, Map<String, @Nullable Object>> VALUES = Collections.synchronizedMap(new WeakHashMap<>());

	/** Instances read by {@code only()}, which a whole save would write NULLs over. */
	private static final java.util.Set<Object> PARTIAL = Collections.synchronizedSet(
			Collections.newSetFromMap(new WeakHashMap<>()));

	/** Marks an instance as read partially, and returns it. */
	static <T> T partial(T instance) {
		PARTIAL.add(instance);
		return instance;
	}

	/** Whether an instance was read by {@code only()}. */
	static boolean isPartial(Object instance) {
		return PARTIAL.contains(instance);
	}

	/** Per model class: the Java fields that receive annotations of their name. */
	private static final Map<Class<?>, Map<String, Field>> FIELDS = new ConcurrentHashMap<>();

	private Annotations() {
	}

	/** A query's filters split into the plain ones and the top-level ones that name an annotation. */
	record Split(List<Q> plain, List<Q> annotated) {

		int plainLeaves() {
			return Filters.leafCount(this.plain);
		}

	}

	static Split split(QuerySet<?> qs) {
		List<Q> plain = new ArrayList<>();
		List<Q> annotated = new ArrayList<>();
		for (Q q : qs.filters) {
			if (q.kind == Q.Kind.LEAF && qs.annotations.containsKey(name(q.key))) {
				annotated.add(q);
			}
			else {
				if (namesAnnotation(q, qs)) {
					throw new ParamsException("A filter on an annotation must stand on its own (filter(\"count__gt\", 1)),"
							+ " not inside a Q with other conditions: " + q + ".");
				}
				plain.add(q);
			}
		}
		return new Split(plain, annotated);
	}

	private static boolean namesAnnotation(Q q, QuerySet<?> qs) {
		if (q.kind == Q.Kind.LEAF) {
			return qs.annotations.containsKey(name(q.key));
		}
		return q.children.stream().anyMatch((c) -> namesAnnotation(c, qs));
	}

	private static String name(@Nullable String key) {
		int cut = (key != null) ? key.indexOf("__") : -1;
		return (cut < 0) ? String.valueOf(key) : key.substring(0, cut);
	}

	/** The arguments a split's filters read: the plain leaves in tree order, then one per annotation filter. */
	static void args(Split split, @Nullable Object[] args) {
		Filters.args(split.plain(), args, 0);
		int base = split.plainLeaves();
		for (int i = 0; i < split.annotated().size(); i++) {
			args[base + i] = split.annotated().get(i).value;
		}
	}

	/** Whether any annotation aggregates, which makes the statement group its rows. */
	static boolean grouping(QuerySet<?> qs) {
		return qs.annotations.values().stream().anyMatch(Expressions::aggregates);
	}

	/** An annotation's expression as a part of the statement. */
	static Part column(QuerySet<?> qs, String name, Joins joins, int first) {
		int index = new ArrayList<>(qs.annotations.keySet()).indexOf(name);
		return Expressions.compile(qs.annotations.get(name), joins, first + index, false);
	}

	/**
	 * The conditions of the filters that name annotations: {@code [where, having]}, each null
	 * if none; a filter on an aggregate goes to HAVING.
	 */
	static @Nullable Condition[] conditions(QuerySet<?> qs, Split split, Joins joins, int first) {
		List<Condition> where = new ArrayList<>();
		List<Condition> having = new ArrayList<>();
		int arg = split.plainLeaves();
		for (Q q : split.annotated()) {
			String name = name(q.key);
			String lookup = q.key.equals(name) ? "exact" : q.key.substring(name.length() + 2);
			Part expression = column(qs, name, joins, first);
			Condition c = compare(name, lookup, expression, q.value, arg++);
			(Expressions.aggregates(qs.annotations.get(name)) ? having : where).add(q.negated ? Condition.not(c) : c);
		}
		return new Condition[] { where.isEmpty() ? null : Condition.all(where), having.isEmpty() ? null : Condition.all(having) };
	}

	private static Condition compare(String name, String lookup, Part expression, @Nullable Object value, int arg) {
		String operator = switch (lookup) {
			case "exact" -> (value == null) ? null : "=";
			case "not" -> (value == null) ? null : "<>";
			case "gt" -> ">";
			case "gte" -> ">=";
			case "lt" -> "<";
			case "lte" -> "<=";
			case "isnull", "not_isnull" -> null;
			default -> throw new FieldException("Lookup \"" + lookup + "\" on annotation \"" + name + "\" is not"
					+ " available; use exact, not, gt, gte, lt, lte or isnull.");
		};
		if (operator == null) {
			boolean isNull = switch (lookup) {
				case "exact" -> true;
				case "not" -> false;
				case "isnull" -> Boolean.TRUE.equals(value);
				default -> !Boolean.TRUE.equals(value); // not_isnull
			};
			return isNull ? Condition.isNull(expression) : Condition.isNotNull(expression);
		}
		if (value == null || value instanceof Expression) {
			throw new ParamsException("Lookup \"" + lookup + "\" on annotation \"" + name + "\" needs a value, got "
					+ ((value == null) ? "null" : "an expression") + ".");
		}
		return Condition.compare(expression, operator, new AsIs(arg));
	}

	/** A call's argument bound as it is, NULL as a BIGINT. */
	private record AsIs(int arg) implements Value {

		@Override
		public void bind(Bindings b) {
			Object v = b.arg(this.arg);
			b.bind(v, (v != null) ? v.getClass() : Long.class);
		}

	}

	/** Sets each annotation's value on the instance: in its Java field of that name, if any, and for {@link #value}. */
	static void fill(Object instance, List<String> names, @Nullable Object[] values) {
		Map<String, Field> fields = FIELDS.computeIfAbsent(instance.getClass(), Annotations::fieldsOf);
		Map<String, @Nullable Object> byName = new HashMap<>();
		for (int i = 0; i < names.size(); i++) {
			byName.put(names.get(i), values[i]);
			Field f = fields.get(names.get(i));
			if (f != null) {
				try {
					f.set(instance, convert(values[i], f.getType()));
				}
				catch (IllegalAccessException | IllegalArgumentException ex) {
					throw new FieldException("Annotation \"" + names.get(i) + "\" holds a "
							+ ((values[i] != null) ? values[i].getClass().getSimpleName() : "null") + ", which field "
							+ instance.getClass().getSimpleName() + "." + f.getName() + " (" + f.getType().getSimpleName()
							+ ") cannot take.", ex);
				}
			}
		}
		VALUES.put(instance, byName);
	}

	/** An annotation's value of an instance a query read, or null. */
	static @Nullable Object value(Object instance, String name) {
		Map<String, @Nullable Object> values = VALUES.get(instance);
		if (values == null || !values.containsKey(name)) {
			throw new FieldException("The " + instance.getClass().getSimpleName() + " given was not read with an"
					+ " annotation named \"" + name + "\"" + ((values != null) ? "; it has " + values.keySet() : "") + ".");
		}
		return values.get(name);
	}

	/** Numbers as the receiving field's type, as drivers read aggregates in types of their own. */
	private static @Nullable Object convert(@Nullable Object value, Class<?> type) {
		if (!(value instanceof Number n) || type.isInstance(value)) {
			return value;
		}
		if (type == Long.class || type == long.class) {
			return n.longValue();
		}
		if (type == Integer.class || type == int.class) {
			return n.intValue();
		}
		if (type == Double.class || type == double.class) {
			return n.doubleValue();
		}
		if (type == java.math.BigDecimal.class) {
			return new java.math.BigDecimal(n.toString());
		}
		return value;
	}

	private static Map<String, Field> fieldsOf(Class<?> type) {
		Map<String, Field> out = new HashMap<>();
		for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
			for (Field f : c.getDeclaredFields()) {
				if (!Modifier.isStatic(f.getModifiers()) && !out.containsKey(f.getName())) {
					try {
						f.setAccessible(true);
						out.put(f.getName(), f);
					}
					catch (RuntimeException ex) {
						// A field the module system keeps closed receives nothing; the value stays in annotation().
					}
				}
			}
		}
		return out;
	}

}

package dev.tortoise.query;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import dev.tortoise.exceptions.FieldException;
import dev.tortoise.exceptions.ValidationException;
import dev.tortoise.fields.FieldType;
import dev.tortoise.models.FieldMeta;
import dev.tortoise.schema.Dialect;
import org.jspecify.annotations.Nullable;

/** Compiles {@link Q} trees into a WHERE condition with bound values, joining as keys require. */
final class Filters {

	private Filters() {
	}

	/**
	 * A value bound into a compiled condition: the leaf it comes from (its index among the
	 * filters' leaves in tree order) and what the leaf resolved to. A leaf may be bound more
	 * than once, or out of order, where the condition is rewritten ({@link SemiJoins}).
	 */
	record Bound(int leaf, Joins.Target target) {
	}

	/** The condition for all the given filters joined with AND, or null if there are none. */
	static @Nullable String compile(List<Q> filters, Joins joins, Sql sql) {
		return compile(filters, joins, sql, new ArrayList<>());
	}

	/**
	 * The condition for all the given filters joined with AND, or null if there are none;
	 * adds what each leaf resolved to, in the order their values are bound, to {@code bound}
	 * so that {@link #bind} can bind another query of the same {@link #shape} to the same text.
	 * Keys through relations that hold many rows become subqueries ({@link SemiJoins}), so
	 * that the statement's rows are the model's, each once, and its cost grows with the
	 * number of relations followed, not with the product of their rows.
	 */
	static @Nullable String compile(List<Q> filters, Joins joins, Sql sql, List<Bound> bound) {
		if (filters.isEmpty()) {
			return null;
		}
		if (SemiJoins.needed(filters, joins)) {
			return SemiJoins.compile(filters, joins, sql, bound);
		}
		List<String> parts = new ArrayList<>(filters.size());
		for (Q q : filters) {
			parts.add(compile(q, joins, sql, bound));
		}
		return String.join(" AND ", parts);
	}

	private static String compile(Q q, Joins joins, Sql sql, List<Bound> bound) {
		String body;
		if (q.kind == Q.Kind.LEAF) {
			// No key here goes through a relation that holds many rows: those are SemiJoins'.
			Joins.Target target = joins.resolve(q.key, false);
			bound.add(new Bound(bound.size(), target));
			body = leaf(target, q.value, sql);
		}
		else if (q.children.isEmpty()) {
			body = "1=1";
		}
		else {
			List<String> parts = new ArrayList<>(q.children.size());
			for (Q child : q.children) {
				parts.add(compile(child, joins, sql, bound));
			}
			body = "(" + String.join((q.kind == Q.Kind.AND) ? " AND " : " OR ", parts) + ")";
		}
		return q.negated ? "NOT (" + body + ")" : body;
	}

	/**
	 * Binds the values of filters to a statement compiled from filters of the same
	 * {@link #shape}, given the targets that compilation resolved.
	 */
	static void bind(List<Q> filters, List<Bound> bound, Sql sql) {
		if (bound.size() == 1 && filters.size() == 1 && filters.get(0).kind == Q.Kind.LEAF) {
			values(bound.get(0).target(), filters.get(0).value, sql); // the common case, without a list
			return;
		}
		List<Q> leaves = leaves(filters);
		for (Bound b : bound) {
			values(b.target(), leaves.get(b.leaf()).value, sql);
		}
	}

	/** The leaves of the filters in tree order, as {@link Bound#leaf} counts them. */
	static List<Q> leaves(List<Q> filters) {
		List<Q> leaves = new ArrayList<>();
		for (Q q : filters) {
			collect(q, leaves);
		}
		return leaves;
	}

	private static void collect(Q q, List<Q> leaves) {
		if (q.kind == Q.Kind.LEAF) {
			leaves.add(q);
			return;
		}
		for (Q child : q.children) {
			collect(child, leaves);
		}
	}

	/**
	 * Filter trees bigger than this are compiled every time; so are lists of values longer
	 * than this where the dialect binds them one value at a time ({@link Sql#oneOff}).
	 */
	static final int MAX_SHAPE = 16;

	/**
	 * What the text of the filters' condition depends on besides the model and dialect: the
	 * tree, its keys, and of each value only whether it is null, a boolean (isnull), or a
	 * list, how long and whether it holds a null, any length past {@link #MAX_SHAPE} being one
	 * shape (a list bound as one array has one text for every length). Null when the tree is
	 * too big to be worth a cached statement.
	 */
	static @Nullable Object shape(List<Q> filters) {
		if (filters.size() == 1 && filters.get(0).kind == Q.Kind.LEAF) {
			return leafShape(filters.get(0)); // the common case, without a list
		}
		List<Object> out = new ArrayList<>(filters.size());
		int[] leaves = { 0 };
		for (Q q : filters) {
			Object s = shape(q, leaves);
			if (s == null) {
				return null;
			}
			out.add(s);
		}
		return out;
	}

	private static @Nullable Object shape(Q q, int[] leaves) {
		if (++leaves[0] > MAX_SHAPE) {
			return null;
		}
		if (q.kind == Q.Kind.LEAF) {
			return leafShape(q);
		}
		List<Object> children = new ArrayList<>(q.children.size() + 1);
		children.add(q.negated ? "NOT " + q.kind : q.kind);
		for (Q child : q.children) {
			Object s = shape(child, leaves);
			if (s == null) {
				return null;
			}
			children.add(s);
		}
		return children;
	}

	private record LeafShape(String key, boolean negated, Object value, boolean hasNull) {
	}

	private static final Object SOME_VALUE = new Object();

	private static final Object NO_VALUE = new Object();

	private static final Object LONG_LIST = new Object();

	private static LeafShape leafShape(Q q) {
		Object v = q.value;
		Object value;
		boolean hasNull = false;
		if (v == null) {
			value = NO_VALUE;
		}
		else if (v instanceof Boolean) {
			value = v;
		}
		else if (v instanceof Collection<?> || v.getClass().isArray()) {
			value = (v instanceof Collection<?> c) ? c.size() : Array.getLength(v);
			hasNull = hasNull(v);
		}
		else {
			value = SOME_VALUE;
		}
		if (value instanceof Integer size && size > MAX_SHAPE) {
			value = LONG_LIST;
		}
		return new LeafShape(q.key, q.negated, value, hasNull);
	}

	/** Whether a list of values (a collection or an array of objects) holds a null. */
	private static boolean hasNull(@Nullable Object list) {
		if (list instanceof Collection<?> c) {
			for (Object o : c) {
				if (o == null) {
					return true;
				}
			}
			return false;
		}
		if (list instanceof Object[] a) {
			for (Object o : a) {
				if (o == null) {
					return true;
				}
			}
		}
		return false;
	}

	static String leaf(Joins.Target target, @Nullable Object value, Sql sql) {
		String col = target.column(sql.dialect());
		List<String> p = values(target, value, sql);
		switch (target.lookup()) {
			case "exact":
				return p.isEmpty() ? col + " IS NULL" : col + " = " + p.get(0);
			case "not":
				return p.isEmpty() ? col + " IS NOT NULL" : "(" + col + " <> " + p.get(0) + " OR " + col + " IS NULL)";
			case "gt":
				return col + " > " + p.get(0);
			case "gte":
				return col + " >= " + p.get(0);
			case "lt":
				return col + " < " + p.get(0);
			case "lte":
				return col + " <= " + p.get(0);
			case "in":
			case "not_in": {
				boolean in = target.lookup().equals("in");
				if (p.isEmpty()) {
					// Only an array binds nothing for a list with values: a NOT IN list with a NULL.
					return in ? "1=0" : hasNull(value) ? col + " IS NULL" : "1=1";
				}
				if (sql.bindsArray(target.field())) {
					String any = sql.dialect().anyOf(col, p.get(0));
					return in ? any : "(NOT (" + any + ") OR " + col + " IS NULL)";
				}
				if (p.size() > MAX_SHAPE) {
					sql.oneOff();
				}
				String list = "(" + String.join(", ", p) + ")";
				return in ? col + " IN " + list : "(" + col + " NOT IN " + list + " OR " + col + " IS NULL)";
			}
			case "range":
				return col + " BETWEEN " + p.get(0) + " AND " + p.get(1);
			case "isnull":
			case "not_isnull": {
				boolean isNull = Boolean.TRUE.equals(value) == target.lookup().equals("isnull");
				return col + (isNull ? " IS NULL" : " IS NOT NULL");
			}
			default:
				return target.lookup().startsWith("i") ? sql.dialect().ilike(col, p.get(0))
						: sql.dialect().like(col, p.get(0));
		}
	}

	/**
	 * What {@link #leaf} evaluates to on a row whose compared column is NULL (a relation's
	 * row that is not there, as a LEFT JOIN gives it): TRUE, FALSE, or null for SQL's UNKNOWN.
	 */
	static @Nullable Boolean onNull(String lookup, @Nullable Object value) {
		switch (lookup) {
			case "exact":
				return (value == null) ? Boolean.TRUE : null;
			case "not":
				return (value == null) ? Boolean.FALSE : Boolean.TRUE;
			case "in":
				return (value instanceof Collection<?> c && c.isEmpty()
						|| value != null && value.getClass().isArray() && Array.getLength(value) == 0) ? Boolean.FALSE : null;
			case "not_in":
				return Boolean.TRUE;
			case "isnull":
				return Boolean.TRUE.equals(value);
			case "not_isnull":
				return !Boolean.TRUE.equals(value);
			default:
				return null; // comparisons and LIKE with NULL
		}
	}

	/**
	 * Binds the values of one leaf, checked for its lookup, and returns their placeholders:
	 * the one place that decides what a leaf binds, for compiled and cached statements alike.
	 */
	private static List<String> values(Joins.Target target, @Nullable Object value, Sql sql) {
		FieldMeta f = target.field();
		switch (target.lookup()) {
			case "exact":
			case "not":
				return (value == null) ? List.of() : List.of(sql.placeholder(f, value));
			case "gt":
			case "gte":
			case "lt":
			case "lte":
				return List.of(sql.placeholder(f, required(target, value)));
			case "in":
			case "not_in": {
				List<Object> values = list(target, value);
				if (sql.bindsArray(f) && !values.isEmpty()) {
					// A NULL in the list matches nothing (and H2 binds no array holding one), so
					// it is left out, except that it keeps NOT IN from matching any value.
					int given = values.size();
					values.removeIf(java.util.Objects::isNull);
					boolean notInWithNull = values.size() < given && target.lookup().equals("not_in");
					return notInWithNull ? List.of() : List.of(sql.arrayPlaceholder(f, values));
				}
				List<String> ps = new ArrayList<>(values.size());
				for (Object v : values) {
					ps.add(sql.placeholder(f, v));
				}
				return ps;
			}
			case "range": {
				List<Object> bounds = list(target, value);
				if (bounds.size() != 2) {
					throw new ValidationException("Lookup \"range\" on " + name(target) + " takes two values, got "
							+ bounds.size() + ".");
				}
				return List.of(sql.placeholder(f, bounds.get(0)), sql.placeholder(f, bounds.get(1)));
			}
			case "isnull":
			case "not_isnull":
				return List.of();
			default:
				return List.of(sql.textPlaceholder(pattern(target, value)));
		}
	}

	/** The LIKE pattern of a text lookup, its wildcards escaped. */
	private static String pattern(Joins.Target target, @Nullable Object value) {
		FieldType type = ValueCodec.dataField(target.field()).type();
		if (type != FieldType.CHAR && type != FieldType.TEXT && type != FieldType.CHAR_ENUM) {
			throw new FieldException("Lookup \"" + target.lookup() + "\" needs a text field, but " + name(target)
					+ " is " + type + ".");
		}
		if (!(value instanceof CharSequence)) {
			throw new ValidationException("Lookup \"" + target.lookup() + "\" on " + name(target)
					+ " takes text, got " + ((value != null) ? value.getClass().getSimpleName() : "null") + ".");
		}
		String escaped = value.toString().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
		String lookup = target.lookup();
		String kind = lookup.startsWith("i") ? lookup.substring(1) : lookup;
		return switch (kind) {
			case "contains" -> "%" + escaped + "%";
			case "startswith" -> escaped + "%";
			case "endswith" -> "%" + escaped;
			default -> escaped; // iexact
		};
	}

	private static Object required(Joins.Target target, @Nullable Object value) {
		if (value == null) {
			throw new ValidationException("Lookup \"" + target.lookup() + "\" on " + name(target)
					+ " needs a value, got null; use isnull to find NULLs.");
		}
		return value;
	}

	private static List<Object> list(Joins.Target target, @Nullable Object value) {
		List<Object> out = new ArrayList<>();
		if (value instanceof Collection<?> c) {
			out.addAll(c);
		}
		else if (value != null && value.getClass().isArray()) {
			for (int i = 0; i < Array.getLength(value); i++) {
				out.add(Array.get(value, i));
			}
		}
		else {
			throw new ValidationException("Lookup \"" + target.lookup() + "\" on " + name(target)
					+ " takes a collection or an array.");
		}
		return out;
	}

	private static String name(Joins.Target target) {
		return target.field().owner().name() + "." + target.field().name();
	}

}

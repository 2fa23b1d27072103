package dev.tortoise.query;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The shape of a query's filters: what their condition's text depends on besides the model
 * and the dialect, so that filters of one shape share one written statement and bind only
 * their own values ({@link Filters#where}).
 */
final class Shapes {

	private Shapes() {
	}

	/**
	 * Filter trees bigger than this are compiled every time; so are lists of values longer
	 * than this where the dialect binds them one value at a time ({@link Build#oneOff}).
	 */
	static final int MAX_SHAPE = 16;

	/**
	 * What the text of the filters' condition depends on besides the model and dialect: the
	 * tree, its keys, and of each value only whether it is null, a boolean (isnull), or a
	 * list, how long and whether it holds a null, any length past {@link #MAX_SHAPE} being one
	 * shape (a list bound as one array has one text for every length). Null when the tree is
	 * too big to be worth a cached statement.
	 */
	static @Nullable Object of(List<Q> filters) {
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
		else if (v instanceof Expression e) {
			value = Expressions.shape(e);
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
	static boolean hasNull(@Nullable Object list) {
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

}

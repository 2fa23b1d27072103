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

	/** The condition for all the given filters joined with AND, or null if there are none. */
	static @Nullable String compile(List<Q> filters, Joins joins, Sql sql) {
		if (filters.isEmpty()) {
			return null;
		}
		List<String> parts = new ArrayList<>();
		for (Q q : filters) {
			parts.add(compile(q, joins, sql));
		}
		return String.join(" AND ", parts);
	}

	private static String compile(Q q, Joins joins, Sql sql) {
		String body;
		if (q.kind == Q.Kind.LEAF) {
			body = leaf(joins.resolve(q.key, true), q.value, sql);
		}
		else if (q.children.isEmpty()) {
			body = "1=1";
		}
		else {
			List<String> parts = new ArrayList<>();
			for (Q child : q.children) {
				parts.add(compile(child, joins, sql));
			}
			body = "(" + String.join((q.kind == Q.Kind.AND) ? " AND " : " OR ", parts) + ")";
		}
		return q.negated ? "NOT (" + body + ")" : body;
	}

	private static String leaf(Joins.Target target, @Nullable Object value, Sql sql) {
		Dialect d = sql.dialect();
		String col = target.column(d);
		FieldMeta f = target.field();
		switch (target.lookup()) {
			case "exact":
				return (value == null) ? col + " IS NULL" : col + " = " + sql.placeholder(f, value);
			case "not":
				return (value == null) ? col + " IS NOT NULL"
						: "(" + col + " <> " + sql.placeholder(f, value) + " OR " + col + " IS NULL)";
			case "gt":
				return col + " > " + sql.placeholder(f, required(target, value));
			case "gte":
				return col + " >= " + sql.placeholder(f, required(target, value));
			case "lt":
				return col + " < " + sql.placeholder(f, required(target, value));
			case "lte":
				return col + " <= " + sql.placeholder(f, required(target, value));
			case "in":
			case "not_in": {
				List<Object> values = list(target, value);
				boolean in = target.lookup().equals("in");
				if (values.isEmpty()) {
					return in ? "1=0" : "1=1";
				}
				List<String> ps = new ArrayList<>();
				for (Object v : values) {
					ps.add(sql.placeholder(f, v));
				}
				String list = "(" + String.join(", ", ps) + ")";
				return in ? col + " IN " + list : "(" + col + " NOT IN " + list + " OR " + col + " IS NULL)";
			}
			case "range": {
				List<Object> bounds = list(target, value);
				if (bounds.size() != 2) {
					throw new ValidationException("Lookup \"range\" on " + name(target) + " takes two values, got "
							+ bounds.size() + ".");
				}
				return col + " BETWEEN " + sql.placeholder(f, bounds.get(0)) + " AND " + sql.placeholder(f, bounds.get(1));
			}
			case "isnull":
			case "not_isnull": {
				boolean isNull = Boolean.TRUE.equals(value) == target.lookup().equals("isnull");
				return col + (isNull ? " IS NULL" : " IS NOT NULL");
			}
			default:
				return like(target, col, value, sql);
		}
	}

	private static String like(Joins.Target target, String col, @Nullable Object value, Sql sql) {
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
		boolean insensitive = lookup.startsWith("i");
		String kind = insensitive ? lookup.substring(1) : lookup;
		String pattern = switch (kind) {
			case "contains" -> "%" + escaped + "%";
			case "startswith" -> escaped + "%";
			case "endswith" -> "%" + escaped;
			default -> escaped; // iexact
		};
		String p = sql.textPlaceholder(pattern);
		return insensitive ? sql.dialect().ilike(col, p) : sql.dialect().like(col, p);
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

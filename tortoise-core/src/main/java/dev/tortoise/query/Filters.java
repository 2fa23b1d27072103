package dev.tortoise.query;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import dev.tortoise.exceptions.FieldException;
import dev.tortoise.exceptions.ValidationException;
import dev.tortoise.fields.FieldType;
import dev.tortoise.models.FieldMeta;
import dev.tortoise.query.sql.Bindings;
import dev.tortoise.query.sql.Column;
import dev.tortoise.query.sql.Condition;
import dev.tortoise.query.sql.Params;
import dev.tortoise.query.sql.Part;
import dev.tortoise.query.sql.Value;
import org.jspecify.annotations.Nullable;

/**
 * Turns {@link Q} trees into a WHERE condition of bound values, joining as keys require.
 * Longer than our ~300 lines because it is the one place that decides what each lookup binds
 * and writes (comparisons, lists, patterns, date parts, expressions, subqueries, regular
 * expressions), for new and cached statements alike.
 */
final class Filters {

	private Filters() {
	}

	/**
	 * One condition being built: the joins its keys go through, the index of the call's
	 * argument that holds the first leaf's value (the others follow in tree order), and
	 * whether its text depends on more than the filters' {@link #shape} (a long list bound
	 * one value at a time), so that it must not be cached.
	 */
	static final class Build {

		final Joins joins;

		final int base;

		boolean oneOff;

		/**
		 * Whether keys through relations that hold many rows join them, naming the joined row
		 * (an aggregate's filter, over the rows its query groups) instead of a subquery.
		 */
		final boolean joinToMany;

		Build(Joins joins, int base) {
			this(joins, base, false);
		}

		Build(Joins joins, int base, boolean joinToMany) {
			this.joins = joins;
			this.base = base;
			this.joinToMany = joinToMany;
		}

	}

	/**
	 * The condition for all the given filters joined with AND, or null if there are none;
	 * each leaf's values are read from the call's argument {@code base + leaf index}
	 * ({@link #args}). Keys through relations that hold many rows become subqueries
	 * ({@link SemiJoins}), so that the statement's rows are the model's, each once, and its
	 * cost grows with the number of relations followed, not with the product of their rows.
	 */
	static @Nullable Condition where(List<Q> filters, Build build) {
		if (filters.isEmpty()) {
			return null;
		}
		if (!build.joinToMany && SemiJoins.needed(filters, build.joins)) {
			return SemiJoins.where(filters, build);
		}
		List<Condition> parts = new ArrayList<>(filters.size());
		int[] leaf = { 0 };
		for (Q q : filters) {
			parts.add(condition(q, build, leaf));
		}
		return Condition.all(parts);
	}

	private static Condition condition(Q q, Build build, int[] leaf) {
		Condition body;
		if (q.kind == Q.Kind.LEAF) {
			// No key here goes through a relation that holds many rows: those are SemiJoins'.
			Joins.Target target = build.joins.resolve(q.key, build.joinToMany);
			body = leaf(target, q.value, build.base + leaf[0]++, build);
		}
		else if (q.children.isEmpty()) {
			body = Condition.TRUE;
		}
		else {
			List<Condition> parts = new ArrayList<>(q.children.size());
			for (Q child : q.children) {
				parts.add(condition(child, build, leaf));
			}
			body = (q.kind == Q.Kind.AND) ? new Condition.And(parts, true) : new Condition.Or(parts);
		}
		return q.negated ? Condition.not(body) : body;
	}

	/** The values of the filters' leaves in tree order: the arguments their conditions read. */
	static void args(List<Q> filters, @Nullable Object[] args, int base) {
		if (filters.size() == 1 && filters.get(0).kind == Q.Kind.LEAF) {
			args[base] = filters.get(0).value; // the common case, without a list
			return;
		}
		List<Q> leaves = leaves(filters);
		for (int i = 0; i < leaves.size(); i++) {
			args[base + i] = leaves.get(i).value;
		}
	}

	/** Number of leaves of the filters, the arguments {@link #args} fills. */
	static int leafCount(List<Q> filters) {
		int n = 0;
		for (Q q : filters) {
			n += leafCount(q);
		}
		return n;
	}

	private static int leafCount(Q q) {
		if (q.kind == Q.Kind.LEAF) {
			return 1;
		}
		int n = 0;
		for (Q child : q.children) {
			n += leafCount(child);
		}
		return n;
	}

	/** The leaves of the filters in tree order. */
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

	/** See {@link Shapes#MAX_SHAPE}. */
	static final int MAX_SHAPE = Shapes.MAX_SHAPE;

	/** See {@link Shapes#of}. */
	static @Nullable Object shape(List<Q> filters) {
		return Shapes.of(filters);
	}

	/**
	 * The condition of one leaf, whose value this query gives and the call's argument
	 * {@code arg} holds: what the value decides about the text (null or not, a list's
	 * length and NULLs) is checked here, and each call's value when it is bound. The one
	 * place that decides what a leaf binds, for new and cached statements alike.
	 */
	static Condition leaf(Joins.Target target, @Nullable Object value, int arg, Build build) {
		Column col = target.column();
		FieldMeta f = target.field();
		if (value instanceof Subquery sub) {
			if (!target.lookup().equals("in") && !target.lookup().equals("not_in")) {
				throw new FieldException("A subquery is a list of values: compare " + name(target)
						+ " with it by __in or __not_in, not \"" + target.lookup() + "\".");
			}
			Part inner = sub.compile(build.joins, arg);
			Condition in = (ctx) -> ctx.visit(col).sql(" IN ").visit(inner);
			return target.lookup().equals("in") ? in : Condition.not(in);
		}
		if (value instanceof Expression e) {
			return compared(target, col, Expressions.compile(e, build.joins, arg, false));
		}
		if (Joins.DATE_PARTS.contains(target.lookup())) {
			return datePart(target, col, value, arg);
		}
		if (target.lookup().endsWith("regex") || target.lookup().equals("search")) {
			return textSearch(target, col, value, arg, build.joins.dialect());
		}
		switch (target.lookup()) {
			case "exact":
				return (value == null) ? Condition.isNull(col) : Condition.compare(col, "=", Params.field(f, arg));
			case "not":
				return (value == null) ? Condition.isNotNull(col)
						: new Condition.Or(List.of(Condition.compare(col, "<>", Params.field(f, arg)), Condition.isNull(col)));
			case "gt":
				return Condition.compare(col, ">", Params.field(f, required(target, value, arg)));
			case "gte":
				return Condition.compare(col, ">=", Params.field(f, required(target, value, arg)));
			case "lt":
				return Condition.compare(col, "<", Params.field(f, required(target, value, arg)));
			case "lte":
				return Condition.compare(col, "<=", Params.field(f, required(target, value, arg)));
			case "in":
			case "not_in": {
				boolean in = target.lookup().equals("in");
				List<Object> values = list(target, value);
				boolean array = Params.bindsArray(build.joins.dialect(), f);
				if (values.isEmpty()) {
					return in ? Condition.FALSE : Condition.TRUE;
				}
				if (array && !in && Shapes.hasNull(value)) {
					// A NULL keeps NOT IN from matching any value; the array leaves NULLs out.
					return Condition.isNull(col);
				}
				if (!array && values.size() > MAX_SHAPE) {
					build.oneOff = true;
				}
				Condition any = Params.in(build.joins.dialect(), col, f, arg, values.size());
				return in ? any : new Condition.Or(List.of(notIn(any), Condition.isNull(col)));
			}
			case "range": {
				List<Object> bounds = list(target, value);
				if (bounds.size() != 2) {
					throw new ValidationException("Lookup \"range\" on " + name(target) + " takes two values, got "
							+ bounds.size() + ".");
				}
				return new Condition.Between(col, Params.element(f, arg, 0), Params.element(f, arg, 1));
			}
			case "isnull":
			case "not_isnull": {
				boolean isNull = Boolean.TRUE.equals(value) == target.lookup().equals("isnull");
				return isNull ? Condition.isNull(col) : Condition.isNotNull(col);
			}
			default:
				return new Condition.Like(col, pattern(target, arg), target.lookup().startsWith("i"));
		}
	}

	/**
	 * A part of a date or date-time equal to a number ({@code created__year=2024}), as
	 * Tortoise's date lookups; {@code week_day} counts from 1 (Sunday) to 7 (Saturday), as
	 * Django's. Date-times give their parts as the database stores them: in UTC with
	 * {@code use_tz} on MySQL, in the session's zone on PostgreSQL (UTC unless set).
	 */
	private static Condition datePart(Joins.Target target, Column col, @Nullable Object value, int arg) {
		FieldType type = Params.dataField(target.field()).type();
		boolean time = target.lookup().equals("hour") || target.lookup().equals("minute") || target.lookup().equals("second");
		if (!(type == FieldType.DATETIME || type == FieldType.DATE && !time || type == FieldType.TIME && time)) {
			throw new FieldException("Lookup \"" + target.lookup() + "\" needs a " + (time ? "date-time or time" : "date or"
					+ " date-time") + " field, but " + name(target) + " is " + type + ".");
		}
		if (!(value instanceof Integer || value instanceof Long || value instanceof Short)) {
			throw new ValidationException("Lookup \"" + target.lookup() + "\" on " + name(target) + " takes a whole"
					+ " number, got " + ((value != null) ? value.getClass().getSimpleName() : "null") + ".");
		}
		String part = target.lookup();
		dev.tortoise.query.sql.Part extracted = (ctx) -> ctx.dialect().renderDatePart(ctx, part, col, type);
		return Condition.compare(extracted, "=", Params.raw(arg, Long.class));
	}

	/**
	 * A regular expression ({@code regex}, {@code iregex}; Tortoise's {@code posix_regex})
	 * or a full-text search ({@code search}) where the database has one, else a
	 * {@code FieldException} naming the database.
	 */
	private static Condition textSearch(Joins.Target target, Column col, @Nullable Object value, int arg,
			dev.tortoise.schema.Dialect dialect) {
		FieldType type = Params.dataField(target.field()).type();
		boolean search = target.lookup().equals("search");
		if (type != FieldType.CHAR && type != FieldType.TEXT && !(search && type == FieldType.TSVECTOR)) {
			throw new FieldException("Lookup \"" + target.lookup() + "\" needs a text field, but " + name(target) + " is "
					+ type + ".");
		}
		if (!(value instanceof String)) {
			throw new ValidationException("Lookup \"" + target.lookup() + "\" on " + name(target) + " takes text, got "
					+ ((value != null) ? value.getClass().getSimpleName() : "null") + ".");
		}
		boolean insensitive = target.lookup().startsWith("i");
		if (!(search ? dialect.hasFullTextSearch() : dialect.hasRegex())) {
			throw new FieldException("Lookup \"" + target.lookup() + "\" on " + name(target) + " is not available on "
					+ dialect.name() + ", which has no " + (search ? "full-text search" : "regular expressions")
					+ " in SQL; filter with contains/icontains, or in Java.");
		}
		Value pattern = Params.raw(arg, String.class);
		return (Condition) (ctx) -> {
			if (search) {
				ctx.dialect().renderSearch(ctx, col, pattern, type == FieldType.TSVECTOR);
			}
			else {
				ctx.dialect().renderRegex(ctx, col, pattern, insensitive);
			}
		};
	}

	/** A column compared with an expression ({@code filter("prize__gt", F.of("minimum"))}). */
	private static Condition compared(Joins.Target target, Column col, dev.tortoise.query.sql.Part expression) {
		String operator = switch (target.lookup()) {
			case "exact" -> "=";
			case "not" -> "<>";
			case "gt" -> ">";
			case "gte" -> ">=";
			case "lt" -> "<";
			case "lte" -> "<=";
			default -> throw new FieldException("Lookup \"" + target.lookup() + "\" on " + name(target)
					+ " cannot take an expression; compare with exact, not, gt, gte, lt or lte.");
		};
		return Condition.compare(col, operator, expression);
	}

	/** The negation of {@link Params#in}'s condition: {@code NOT IN (...)}, or {@code NOT (... = ANY(...))}. */
	private static Condition notIn(Condition in) {
		return (in instanceof Condition.In list) ? new Condition.In(list.operand(), list.values(), true)
				: Condition.not(in);
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

	/** The LIKE pattern of a text lookup, its wildcards escaped, from the call's argument. */
	private static Value pattern(Joins.Target target, int arg) {
		FieldType type = Params.dataField(target.field()).type();
		if (type != FieldType.CHAR && type != FieldType.TEXT && type != FieldType.CHAR_ENUM) {
			throw new FieldException("Lookup \"" + target.lookup() + "\" needs a text field, but " + name(target)
					+ " is " + type + ".");
		}
		return new Pattern(target.lookup(), name(target), arg);
	}

	/** A LIKE pattern bound from a call's text value. */
	private record Pattern(String lookup, String field, int arg) implements Value {

		@Override
		public void bind(Bindings b) {
			Object value = b.arg(this.arg);
			if (!(value instanceof CharSequence)) {
				throw new ValidationException("Lookup \"" + this.lookup + "\" on " + this.field + " takes text, got "
						+ ((value != null) ? value.getClass().getSimpleName() : "null") + ".");
			}
			try {
				dev.tortoise.types.StoredText.check((CharSequence) value);
			}
			catch (IllegalArgumentException ex) {
				throw new ValidationException("Lookup \"" + this.lookup + "\" on " + this.field + " got text that no"
						+ " database can compare: " + ex.getMessage() + ".");
			}
			String escaped = value.toString().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
			String kind = this.lookup.startsWith("i") ? this.lookup.substring(1) : this.lookup;
			b.bind(switch (kind) {
				case "contains" -> "%" + escaped + "%";
				case "startswith" -> escaped + "%";
				case "endswith" -> "%" + escaped;
				default -> escaped; // iexact
			}, String.class);
		}

	}

	private static int required(Joins.Target target, @Nullable Object value, int arg) {
		if (value == null) {
			throw new ValidationException("Lookup \"" + target.lookup() + "\" on " + name(target)
					+ " needs a value, got null; use isnull to find NULLs.");
		}
		return arg;
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

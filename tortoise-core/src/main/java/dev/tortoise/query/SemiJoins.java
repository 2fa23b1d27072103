package dev.tortoise.query;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tortoise.exceptions.FieldException;
import dev.tortoise.models.FieldKind;
import dev.tortoise.models.FieldMeta;
import dev.tortoise.models.ModelMeta;
import dev.tortoise.schema.Dialect;
import org.jspecify.annotations.Nullable;

/**
 * Filters whose keys go through relations that hold many rows (backward foreign keys and
 * many-to-many), written as one {@code IN} subquery per relation instead of joins.
 *
 * <p>Tortoise joins such relations: a row matches when some combination of its related
 * rows (a missing one counting as a row of NULLs, as a LEFT JOIN gives it) makes the whole
 * condition true, and conditions on the same relation in one query speak of the same
 * related row. Joins multiply rows: a key through N such relations costs the product of
 * their sizes, which a request of a few hundred characters turns into hours. Here the
 * condition is put in disjunctive normal form (negations pushed to the leaves, which
 * SQL's three-valued logic allows), and within each conjunction the leaves that go through
 * the same relation become one subquery over that relation's rows, nested for the
 * relations behind it: the same rows as Tortoise's joins, at a cost that grows with the
 * number of relations. A conjunction that a missing related row would satisfy (an
 * {@code isnull}, a {@code not}) also matches rows that have no related row at all.
 */
final class SemiJoins {

	/** Conjunctions a condition may expand into; past this, the query is refused rather than grown. */
	static final int MAX_CONJUNCTIONS = 64;

	private SemiJoins() {
	}

	/** A leaf of the condition in negation normal form: the leaf, its index in tree order, its path, and its sign. */
	private record Literal(Q leaf, int index, Joins.Path path, boolean negated) {

		/** What the literal is on a missing related row: TRUE, FALSE, or null for UNKNOWN. */
		@Nullable Boolean onNull() {
			Boolean value = Filters.onNull(this.path.lookup(), this.leaf.value);
			return (value == null || !this.negated) ? value : Boolean.valueOf(!value);
		}

	}

	/** Whether any leaf of the filters goes through a relation that holds many rows. */
	static boolean needed(List<Q> filters, Joins joins) {
		for (Q q : filters) {
			if (needed(q, joins)) {
				return true;
			}
		}
		return false;
	}

	private static boolean needed(Q q, Joins joins) {
		if (q.kind == Q.Kind.LEAF) {
			return Joins.path(joins.root(), q.key, true, joins.maxDepth()).firstToMany(0) >= 0;
		}
		for (Q child : q.children) {
			if (needed(child, joins)) {
				return true;
			}
		}
		return false;
	}

	/** The condition of the filters, joined with AND, with their bound values added to {@code bound} in order. */
	static String compile(List<Q> filters, Joins joins, Sql sql, List<Filters.Bound> bound) {
		Map<Q, Integer> indexes = new IdentityHashMap<>();
		for (Q leaf : Filters.leaves(filters)) {
			indexes.put(leaf, indexes.size());
		}
		List<List<Literal>> dnf = List.of(List.of());
		for (Q q : filters) {
			dnf = and(dnf, dnf(q, false, joins, indexes));
		}
		if (dnf.isEmpty()) {
			return "1=0";
		}
		Counter aliases = new Counter();
		List<String> parts = new ArrayList<>(dnf.size());
		for (List<Literal> conjunction : dnf) {
			parts.add(render(conjunction, 0, joins, sql, bound, aliases));
		}
		return (parts.size() == 1) ? parts.get(0) : "(" + String.join(" OR ", parts) + ")";
	}

	/** The condition of a tree as a list of conjunctions of literals; an empty list is FALSE, an empty conjunction TRUE. */
	private static List<List<Literal>> dnf(Q q, boolean negate, Joins joins, Map<Q, Integer> indexes) {
		boolean negated = q.negated != negate;
		if (q.kind == Q.Kind.LEAF) {
			Joins.Path path = Joins.path(joins.root(), q.key, true, joins.maxDepth());
			return List.of(List.of(new Literal(q, indexes.get(q), path, negated)));
		}
		// De Morgan: NOT (a AND b) = NOT a OR NOT b, and the other way round.
		boolean and = (q.kind == Q.Kind.AND) != negated;
		List<List<Literal>> result = and ? List.of(List.of()) : List.of();
		for (Q child : q.children) {
			List<List<Literal>> c = dnf(child, negated, joins, indexes);
			if (and) {
				result = and(result, c);
			}
			else {
				result = new ArrayList<>(result);
				result.addAll(c);
				checkSize(result.size());
			}
		}
		return result;
	}

	private static List<List<Literal>> and(List<List<Literal>> left, List<List<Literal>> right) {
		checkSize((long) left.size() * right.size());
		List<List<Literal>> out = new ArrayList<>(left.size() * right.size());
		for (List<Literal> l : left) {
			for (List<Literal> r : right) {
				List<Literal> both = new ArrayList<>(l.size() + r.size());
				both.addAll(l);
				both.addAll(r);
				out.add(both);
			}
		}
		return out;
	}

	private static void checkSize(long conjunctions) {
		if (conjunctions > MAX_CONJUNCTIONS) {
			throw new FieldException("The filters through relations that hold many rows combine AND and OR into more"
					+ " than " + MAX_CONJUNCTIONS + " alternatives. Split the query, or filter on fewer relations at once.");
		}
	}

	/** Counts the subqueries of one statement, so that each gets aliases of its own. */
	private static final class Counter {

		private int next;

		int next() {
			return ++this.next;
		}

	}

	/**
	 * One conjunction at one level of the statement: literals whose remaining path (from hop
	 * {@code from} on) has no relation that holds many rows are compared here, through this
	 * level's joins; the others are grouped by the first such relation, each group one subquery.
	 */
	private static String render(List<Literal> literals, int from, Joins joins, Sql sql, List<Filters.Bound> bound,
			Counter aliases) {
		List<String> parts = new ArrayList<>();
		Map<String, List<Literal>> groups = new LinkedHashMap<>();
		for (Literal literal : literals) {
			int toMany = literal.path().firstToMany(from);
			if (toMany < 0) {
				Joins.Target target = joins.resolve(literal.path(), from);
				bound.add(new Filters.Bound(literal.index(), target));
				String leaf = Filters.leaf(target, literal.leaf().value, sql);
				parts.add(literal.negated() ? "NOT (" + leaf + ")" : leaf);
				continue;
			}
			StringBuilder key = new StringBuilder();
			for (int i = from; i <= toMany; i++) {
				key.append(literal.path().hops().get(i).name()).append("__");
			}
			groups.computeIfAbsent(key.toString(), (k) -> new ArrayList<>()).add(literal);
		}
		for (List<Literal> group : groups.values()) {
			parts.add(subquery(group, from, joins, sql, bound, aliases));
		}
		return parts.isEmpty() ? "1=1" : String.join(" AND ", parts);
	}

	/** The rows of this level that have a related row, through the group's relation, for which the group holds. */
	private static String subquery(List<Literal> group, int from, Joins joins, Sql sql, List<Filters.Bound> bound,
			Counter aliases) {
		Dialect d = joins.dialect();
		Joins.Path path = group.get(0).path();
		int at = path.firstToMany(from);
		FieldMeta relation = path.hops().get(at);
		String parent = d.quote(joins.along(path, from, at).alias()) + ".";
		ModelMeta<?> related = relation.related();
		int n = aliases.next();
		String alias = "_s" + n;
		Joins inner = new Joins(d, related, alias, alias + "t", joins.maxDepth());
		String condition = render(group, at + 1, inner, sql, bound, aliases);
		String parentKey;
		String select;
		String rows;
		String missing;
		String none = d.quote("_n" + n);
		if (relation.kind() == FieldKind.BACKWARD_FK) {
			FieldMeta forward = relation.opposite();
			parentKey = parent + d.quote(forward.toField().column());
			select = d.quote(alias) + "." + d.quote(forward.column());
			rows = inner.from() + " WHERE " + condition;
			missing = d.quote(related.table()) + " " + none + " WHERE " + none + "." + d.quote(forward.column()) + " = "
					+ parentKey;
		}
		else {
			String through = d.quote(alias + "m");
			parentKey = parent + d.quote(relation.owner().pk().column());
			select = through + "." + d.quote(relation.backwardKey());
			rows = d.quote(relation.through()) + " " + through + ", " + inner.from() + " WHERE " + d.quote(alias) + "."
					+ d.quote(related.pk().column()) + " = " + through + "." + d.quote(relation.forwardKey()) + " AND ("
					+ condition + ")";
			missing = d.quote(relation.through()) + " " + none + " WHERE " + none + "." + d.quote(relation.backwardKey())
					+ " = " + parentKey;
		}
		String in = parentKey + " IN (SELECT " + select + " FROM " + rows + ")";
		return holdsOnMissingRow(group) ? "(" + in + " OR NOT EXISTS (SELECT 1 FROM " + missing + "))" : in;
	}

	/** Whether every literal of the group is TRUE on a related row that is missing, and on the rows behind it. */
	private static boolean holdsOnMissingRow(List<Literal> group) {
		for (Literal literal : group) {
			if (!Boolean.TRUE.equals(literal.onNull())) {
				return false;
			}
		}
		return true;
	}

}

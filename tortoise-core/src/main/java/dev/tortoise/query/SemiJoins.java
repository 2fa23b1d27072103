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
import dev.tortoise.query.sql.Column;
import dev.tortoise.query.sql.Condition;
import dev.tortoise.query.sql.From;
import dev.tortoise.query.sql.Part;
import dev.tortoise.query.sql.Select;
import dev.tortoise.query.sql.Table;
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

	/** The condition of the filters, joined with AND; leaf {@code i} reads the call's argument {@code base + i}. */
	static Condition where(List<Q> filters, Filters.Build build) {
		Map<Q, Integer> indexes = new IdentityHashMap<>();
		for (Q leaf : Filters.leaves(filters)) {
			indexes.put(leaf, build.base + indexes.size());
		}
		List<List<Literal>> dnf = List.of(List.of());
		for (Q q : filters) {
			dnf = and(dnf, dnf(q, false, build.joins, indexes));
		}
		if (dnf.isEmpty()) {
			return Condition.FALSE;
		}
		Counter aliases = new Counter();
		List<Condition> parts = new ArrayList<>(dnf.size());
		for (List<Literal> conjunction : dnf) {
			parts.add(render(conjunction, 0, build.joins, build, aliases));
		}
		return Condition.or(parts);
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
	private static Condition render(List<Literal> literals, int from, Joins joins, Filters.Build build,
			Counter aliases) {
		List<Condition> parts = new ArrayList<>();
		Map<String, List<Literal>> groups = new LinkedHashMap<>();
		for (Literal literal : literals) {
			int toMany = literal.path().firstToMany(from);
			if (toMany < 0) {
				Joins.Target target = joins.resolve(literal.path(), from);
				Condition leaf = Filters.leaf(target, literal.leaf().value, literal.index(), build);
				parts.add(literal.negated() ? Condition.not(leaf) : leaf);
				continue;
			}
			StringBuilder key = new StringBuilder();
			for (int i = from; i <= toMany; i++) {
				key.append(literal.path().hops().get(i).name()).append("__");
			}
			groups.computeIfAbsent(key.toString(), (k) -> new ArrayList<>()).add(literal);
		}
		for (List<Literal> group : groups.values()) {
			parts.add(subquery(group, from, joins, build, aliases));
		}
		return Condition.all(parts);
	}

	/** The rows of this level that have a related row, through the group's relation, for which the group holds. */
	private static Condition subquery(List<Literal> group, int from, Joins joins, Filters.Build build,
			Counter aliases) {
		Joins.Path path = group.get(0).path();
		int at = path.firstToMany(from);
		FieldMeta relation = path.hops().get(at);
		String parent = joins.along(path, from, at).alias();
		ModelMeta<?> related = relation.related();
		int n = aliases.next();
		String alias = "_s" + n;
		Joins inner = new Joins(joins.dialect(), related, alias, alias + "t", joins.maxDepth());
		Condition condition = render(group, at + 1, inner, build, aliases);
		Column parentKey;
		Select rows;
		Select missing;
		String none = "_n" + n;
		List<Part> one = List.of(Part.raw("1"));
		if (relation.kind() == FieldKind.BACKWARD_FK) {
			FieldMeta forward = relation.opposite();
			parentKey = new Column(parent, forward.toField().column());
			rows = Select.of(List.of(new Column(alias, forward.column())), inner.from(), condition);
			missing = Select.of(one, new Table(related.schema(), related.table(), none),
					Condition.compare(new Column(none, forward.column()), "=", parentKey));
		}
		else {
			String through = alias + "m";
			parentKey = new Column(parent, relation.owner().pk().column());
			From innerFrom = inner.from();
			// The through table first, then the related table with its joins: "through", related ...
			Part tables = (ctx) -> ctx.visit(new Table(relation.throughSchema(), relation.through(), through)).sql(", ").visit(innerFrom);
			rows = Select.of(List.of(new Column(through, relation.backwardKey())), tables, new Condition.And(List.of(
					Condition.compare(new Column(alias, related.pk().column()), "=",
							new Column(through, relation.forwardKey())),
					new Condition.And(List.of(condition), true)), false));
			missing = Select.of(one, new Table(relation.throughSchema(), relation.through(), none),
					Condition.compare(new Column(none, relation.backwardKey()), "=", parentKey));
		}
		Condition in = new Condition.InSubquery(parentKey, rows);
		return holdsOnMissingRow(group) ? new Condition.Or(List.of(in, new Condition.Exists(missing, true))) : in;
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

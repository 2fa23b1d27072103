package dev.tortoise.query;

import java.util.Arrays;
import java.util.List;

import dev.tortoise.exceptions.FieldException;
import dev.tortoise.query.sql.Params;
import dev.tortoise.query.sql.Part;
import dev.tortoise.query.sql.Select;
import org.jspecify.annotations.Nullable;

/**
 * One field of the rows of another query set, as Tortoise's {@code Subquery}:
 * {@code filter("id__in", other.subquery("id"))} sends one statement, the inner query inside
 * the outer one, its values bound from the call's argument that holds it.
 */
record Subquery(QuerySet<?> query, String field) implements Expression {

	/** What the inner text depends on; a fresh object (never cached) where its filters have no shape. */
	Object shape() {
		Object filters = this.query.filters.isEmpty() ? List.of() : Filters.shape(this.query.filters);
		if (filters == null || !this.query.annotations.isEmpty()) {
			return new Object();
		}
		return Arrays.asList("SUBQUERY", this.query.meta, this.field, filters, this.query.orderBy,
				this.query.limit != null, this.query.offset != null, this.query.distinct);
	}

	/** The inner SELECT of the field, its values read from the Subquery in the outer call's argument {@code arg}. */
	Part compile(Joins outer, int arg) {
		QuerySet<?> q = this.query;
		if (!q.annotations.isEmpty() || !q.selectRelated.isEmpty() || q.lock != null) {
			throw new dev.tortoise.exceptions.ParamsException("A subquery selects one field of plain filters; "
					+ q + " has annotations, selectRelated or a lock.");
		}
		String alias = "_s" + arg;
		Joins joins = new Joins(outer.dialect(), q.meta, alias, alias + "_", outer.maxDepth());
		Joins.Target target = joins.resolve(this.field, false);
		if (!"exact".equals(target.lookup())) {
			throw new FieldException("subquery(\"" + this.field + "\") names a lookup; give a field.");
		}
		int leaves = Filters.leafCount(q.filters);
		Filters.Build build = new Filters.Build(joins, 0);
		var where = Filters.where(q.filters, build);
		Part limit = (q.limit != null) ? Params.raw(leaves, Long.class) : null;
		Part offset = (q.offset != null) ? Params.raw(leaves + 1, Long.class) : null;
		Select select = new Select(List.of(target.column()), joins.from(), where, Reads.orderBy(q, joins), limit, offset,
				q.distinct, null);
		return (ctx) -> ctx.sql('(').nested(select,
				(v) -> new Rebound(v, (b) -> Arrays.asList(((Subquery) b.arg(arg)).args()), 0)).sql(')');
	}

	/** The inner query's values in the order its statement numbers them. */
	@Nullable Object[] args() {
		int leaves = Filters.leafCount(this.query.filters);
		Object[] args = new Object[leaves + 2];
		Filters.args(this.query.filters, args, 0);
		args[leaves] = this.query.limit;
		args[leaves + 1] = this.query.offset;
		return args;
	}

}

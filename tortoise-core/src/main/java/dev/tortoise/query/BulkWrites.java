package dev.tortoise.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.tortoise.models.FieldMeta;
import dev.tortoise.models.ModelMeta;
import dev.tortoise.query.sql.Column;
import dev.tortoise.query.sql.Condition;
import dev.tortoise.query.sql.Context;
import dev.tortoise.query.sql.Delete;
import dev.tortoise.query.sql.From;
import dev.tortoise.query.sql.Params;
import dev.tortoise.query.sql.Part;
import dev.tortoise.query.sql.Select;
import dev.tortoise.query.sql.Table;
import dev.tortoise.query.sql.Update;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The writes of a query set: UPDATE and DELETE of the rows it selects. Their assignments
 * vary with every call, so they are written each time.
 */
final class BulkWrites {

	private final Engine engine;

	BulkWrites(Engine engine) {
		this.engine = engine;
	}

	Mono<Long> update(QuerySet<?> qs, Map<String, ?> values) {
		return Mono.defer(() -> {
			if (values.isEmpty()) {
				return Mono.just(0L);
			}
			String connection = this.engine.route(qs.meta, qs.using, true);
			Map<FieldMeta, @Nullable Object> assignments = InstanceValues.assignments(qs.meta, values, this.engine.zone());
			List<Update.Assignment> set = new ArrayList<>(assignments.size());
			List<@Nullable Object> args = new ArrayList<>(assignments.values());
			Joins own = null;
			for (Map.Entry<FieldMeta, @Nullable Object> a : assignments.entrySet()) {
				int arg = set.size();
				if (a.getValue() instanceof Expression e) {
					// Columns an expression reads, named as the UPDATE names its table; made only for expressions.
					own = (own != null) ? own : this.engine.joins(connection, qs.meta, qs.meta.table());
					set.add(new Update.Assignment(a.getKey().column(), Expressions.compile(e, own, arg, true)));
				}
				else {
					set.add(new Update.Assignment(a.getKey().column(), Params.field(a.getKey(), arg)));
				}
			}
			Condition where = where(qs, connection, args);
			return run(connection, new Update(Table.of(qs.meta.schema(), qs.meta.table()), set, where), args);
		});
	}

	Mono<Long> delete(QuerySet<?> qs) {
		return Mono.defer(() -> {
			String connection = this.engine.route(qs.meta, qs.using, true);
			List<@Nullable Object> args = new ArrayList<>();
			return run(connection, new Delete(Table.of(qs.meta.schema(), qs.meta.table()), where(qs, connection, args)), args);
		});
	}

	private Mono<Long> run(String connection, Part statement, List<@Nullable Object> args) {
		return this.engine.runUpdate(connection,
				this.engine.bind(connection, Context.render(this.engine.dialect(connection), statement), args.toArray()));
	}

	/**
	 * The WHERE of an UPDATE or DELETE, its values added to {@code args}. Filters that need
	 * joins, limits or offsets select the primary keys in a derived table, which MySQL
	 * accepts on the table being changed.
	 */
	private @Nullable Condition where(QuerySet<?> qs, String connection, List<@Nullable Object> args) {
		ModelMeta<?> meta = qs.meta;
		int base = args.size();
		int leaves = Filters.leafCount(qs.filters);
		Object[] values = new Object[leaves];
		Filters.args(qs.filters, values, 0);
		args.addAll(java.util.Arrays.asList(values));
		Filters.Build direct = new Filters.Build(this.engine.joins(connection, meta, meta.table()), base);
		Condition where = Filters.where(qs.filters, direct);
		if (direct.joins.isEmpty() && qs.limit == null && qs.offset == null) {
			return where;
		}
		Filters.Build inner = new Filters.Build(this.engine.joins(connection, meta, "_f0"), base);
		Condition innerWhere = Filters.where(qs.filters, inner);
		Part limit = null;
		Part offset = null;
		if (qs.limit != null) {
			limit = Params.raw(args.size(), Long.class);
			args.add(qs.limit);
		}
		if (qs.offset != null) {
			offset = Params.raw(args.size(), Long.class);
			args.add(qs.offset);
		}
		String pk = meta.pk().column();
		List<Select.Order> order = Reads.orderBy(qs, inner.joins);
		Select page = new Select(List.of(new Column("_f0", pk)), inner.joins.from(), innerWhere, order, limit, offset);
		Select keys = Select.of(List.of(new Column("_s", pk)), From.of(new From.Derived(page, "_s")), null);
		return new Condition.InSubquery(new Column(meta.table(), pk), keys);
	}

}

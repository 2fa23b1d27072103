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
 * The writes of a query set: UPDATE and DELETE of the rows it selects. Each is written once
 * per shape (the model, connection, the assigned fields and their expressions' shapes, the
 * filters' shape, ordering, paging) and bound per call, as reads are.
 */
final class BulkWrites {

	private final Engine engine;

	BulkWrites(Engine engine) {
		this.engine = engine;
	}

	/** Everything the text of an UPDATE or DELETE depends on; null parts make it one-off. */
	private record Key(boolean update, ModelMeta<?> meta, String connection, List<Object> assignments, Object filters,
			List<String> orderBy, boolean limit, boolean offset) {

		static @Nullable Key of(boolean update, QuerySet<?> qs, String connection, List<Object> assignments) {
			Object filters = qs.filters.isEmpty() ? List.of() : Filters.shape(qs.filters);
			return (filters != null) ? new Key(update, qs.meta, connection, assignments, filters, qs.orderBy,
					qs.limit != null, qs.offset != null) : null;
		}

	}

	/** A statement written for its shape, and whether it may be kept. */
	private record Written(dev.tortoise.query.sql.Compiled statement, boolean oneOff) {
	}

	/** A WHERE and whether its filters wrote values into the text, which no other call shares. */
	private record Where(@Nullable Condition condition, boolean oneOff) {
	}

	Mono<Long> update(QuerySet<?> qs, Map<String, ?> values) {
		return Mono.defer(() -> {
			if (values.isEmpty()) {
				return Mono.just(0L);
			}
			String connection = this.engine.route(qs.meta, qs.using, true);
			Map<FieldMeta, @Nullable Object> assignments = InstanceValues.assignments(qs.meta, values, this.engine.zone());
			List<Object> shape = new ArrayList<>(assignments.size() * 2);
			assignments.forEach((f, value) -> {
				shape.add(f);
				shape.add((value instanceof Expression e) ? Expressions.shape(e) : Boolean.FALSE);
			});
			List<@Nullable Object> args = new ArrayList<>(assignments.values());
			Written update = this.engine.statements().get(Key.of(true, qs, connection, shape), (key) -> {
				List<Update.Assignment> set = new ArrayList<>(assignments.size());
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
				Where where = where(qs, connection, args.size());
				return written(connection, new Update(Table.of(qs.meta.schema(), qs.meta.table()), set, where.condition()),
						where.oneOff());
			}, (w) -> !w.oneOff());
			whereArgs(qs, args);
			return run(connection, update, args);
		});
	}

	Mono<Long> delete(QuerySet<?> qs) {
		return Mono.defer(() -> {
			String connection = this.engine.route(qs.meta, qs.using, true);
			Written delete = this.engine.statements().get(Key.of(false, qs, connection, List.of()), (key) -> {
				Where where = where(qs, connection, 0);
				return written(connection, new Delete(Table.of(qs.meta.schema(), qs.meta.table()), where.condition()),
						where.oneOff());
			}, (w) -> !w.oneOff());
			List<@Nullable Object> args = new ArrayList<>();
			whereArgs(qs, args);
			return run(connection, delete, args);
		});
	}

	private Written written(String connection, Part statement, boolean oneOff) {
		return new Written(Context.render(this.engine.dialect(connection), statement), oneOff);
	}

	private Mono<Long> run(String connection, Written statement, List<@Nullable Object> args) {
		return this.engine.runUpdate(connection, this.engine.bind(connection, statement.statement(), args.toArray()));
	}

	/** The values a WHERE written by {@link #where} binds, after those already in {@code args}: filters, limit, offset. */
	private static void whereArgs(QuerySet<?> qs, List<@Nullable Object> args) {
		Object[] values = new Object[Filters.leafCount(qs.filters)];
		Filters.args(qs.filters, values, 0);
		args.addAll(java.util.Arrays.asList(values));
		if (qs.limit != null) {
			args.add(qs.limit);
		}
		if (qs.offset != null) {
			args.add(qs.offset);
		}
	}

	/**
	 * The WHERE of an UPDATE or DELETE, its values bound from argument {@code base} on, as
	 * {@link #whereArgs} lists them. Filters that need joins, limits or offsets select the
	 * primary keys in a derived table, which MySQL accepts on the table being changed.
	 */
	private Where where(QuerySet<?> qs, String connection, int base) {
		ModelMeta<?> meta = qs.meta;
		int next = base + Filters.leafCount(qs.filters);
		Filters.Build direct = new Filters.Build(this.engine.joins(connection, meta, meta.table()), base);
		Condition where = Filters.where(qs.filters, direct);
		if (direct.joins.isEmpty() && qs.limit == null && qs.offset == null) {
			return new Where(where, direct.oneOff);
		}
		Filters.Build inner = new Filters.Build(this.engine.joins(connection, meta, "_f0"), base);
		Condition innerWhere = Filters.where(qs.filters, inner);
		Part limit = null;
		Part offset = null;
		if (qs.limit != null) {
			limit = Params.raw(next++, Long.class);
		}
		if (qs.offset != null) {
			offset = Params.raw(next, Long.class);
		}
		String pk = meta.pk().column();
		List<Select.Order> order = Reads.orderBy(qs, inner.joins);
		Select page = new Select(List.of(new Column("_f0", pk)), inner.joins.from(), innerWhere, order, limit, offset);
		Select keys = Select.of(List.of(new Column("_s", pk)), From.of(new From.Derived(page, "_s")), null);
		return new Where(new Condition.InSubquery(new Column(meta.table(), pk), keys), direct.oneOff || inner.oneOff);
	}

}

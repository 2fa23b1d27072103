package dev.tortoise.query;

import java.util.ArrayList;
import java.util.List;

import dev.tortoise.exceptions.ValidationException;
import dev.tortoise.models.FieldMeta;
import dev.tortoise.models.ModelMeta;
import dev.tortoise.query.sql.Column;
import dev.tortoise.query.sql.Condition;
import dev.tortoise.query.sql.Context;
import dev.tortoise.query.sql.Params;
import dev.tortoise.query.sql.Part;
import dev.tortoise.query.sql.Table;
import dev.tortoise.query.sql.Update;
import dev.tortoise.transactions.TransactionScope;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Tortoise's {@code bulk_update}: the named fields of saved instances in a few UPDATEs. */
final class BulkUpdates {

	private final Engine engine;

	BulkUpdates(Engine engine) {
		this.engine = engine;
	}

	/**
	 * Writes the named fields of saved instances, as Tortoise's {@code bulk_update}: per batch
	 * one {@code UPDATE ... SET f = CASE pk WHEN ? THEN ? ... END WHERE pk IN (...)}, batches
	 * within the bound-value limit and in one transaction when there are several. The number
	 * of rows changed.
	 */
	<T> Mono<Long> bulkUpdate(List<T> instances, List<String> fields, int batchSize) {
		return Mono.defer(() -> {
			if (instances.isEmpty()) {
				return Mono.just(0L);
			}
			@SuppressWarnings("unchecked")
			ModelMeta<T> meta = (ModelMeta<T>) this.engine.apps().meta(instances.get(0).getClass());
			if (fields.isEmpty()) {
				throw new dev.tortoise.exceptions.ParamsException("bulkUpdate needs the fields to write.");
			}
			List<FieldMeta> targets = new ArrayList<>();
			for (String name : fields) {
				targets.add(Persister.writable(meta, name, "bulkUpdate"));
			}
			for (T instance : instances) {
				if (instance.getClass() != meta.modelClass() || meta.pk().get(instance) == null) {
					throw new ValidationException("bulkUpdate takes saved " + meta.name() + " instances (each with a "
							+ meta.pk().name() + "); got " + instance + ".");
				}
				for (FieldMeta f : targets) {
					Object value = f.get(instance);
					if (value == null && !f.nullable()) {
						throw new ValidationException("Field " + meta.name() + "." + f.name() + " is not nullable.");
					}
					f.validate(value);
				}
			}
			String connection = this.engine.route(meta, null, true);
			int perRow = 2 * targets.size() + 1;
			int rows = Math.max(1, Math.min((batchSize > 0) ? batchSize : Persister.BATCH_ROWS, Persister.MAX_VALUES / perRow));
			List<List<T>> batches = new ArrayList<>();
			for (int i = 0; i < instances.size(); i += rows) {
				batches.add(instances.subList(i, Math.min(instances.size(), i + rows)));
			}
			java.util.function.Function<Engine, Mono<Long>> run = (engine) -> Flux.fromIterable(batches)
				.concatMap((batch) -> engine.runUpdate(connection, updateBatch(engine, connection, meta, targets, batch)))
				.reduce(0L, Long::sum);
			if (batches.size() == 1) {
				return run.apply(this.engine);
			}
			return Flux.deferContextual((context) -> {
				if (Executor.transaction(context, connection, this.engine.pinned()) != null) {
					return run.apply(this.engine);
				}
				return TransactionScope.run(connection, this.engine.connections().get(connection),
						this.engine.boundConnections(), (scope) -> run.apply(this.engine.pinnedTo(scope)));
			}).reduce(0L, Long::sum);
		});
	}

	private static <T> Sql updateBatch(Engine engine, String connection, ModelMeta<T> meta, List<FieldMeta> targets,
			List<T> batch) {
		FieldMeta pk = meta.pk();
		List<Object> args = new ArrayList<>();
		List<Update.Assignment> set = new ArrayList<>();
		Column key = Column.of(pk.column());
		for (FieldMeta f : targets) {
			List<Part> whens = new ArrayList<>();
			for (T instance : batch) {
				Part when = Params.field(pk, args.size());
				args.add(pk.get(instance));
				Part then = Params.field(f, args.size());
				args.add(f.get(instance));
				whens.add((ctx) -> ctx.sql(" WHEN ").visit(when).sql(" THEN ").visit(then));
			}
			set.add(new Update.Assignment(f.column(), (ctx) -> {
				ctx.sql("CASE ").visit(key);
				whens.forEach(ctx::visit);
				ctx.sql(" END");
			}));
		}
		int keys = args.size();
		args.add(batch.stream().map(pk::get).toList());
		Condition where = Params.in(engine.dialect(connection), key, pk, keys, batch.size());
		Update update = new Update(Table.of(meta.schema(), meta.table()), set, where);
		return engine.bind(connection, Context.render(engine.dialect(connection), update), args.toArray());
	}

}

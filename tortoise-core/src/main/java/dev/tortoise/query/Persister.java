package dev.tortoise.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.tortoise.exceptions.OperationalException;
import dev.tortoise.exceptions.ValidationException;
import dev.tortoise.models.FieldMeta;
import dev.tortoise.models.ModelMeta;
import dev.tortoise.query.sql.Column;
import dev.tortoise.query.sql.Compiled;
import dev.tortoise.query.sql.Condition;
import dev.tortoise.query.sql.Context;
import dev.tortoise.query.sql.Delete;
import dev.tortoise.query.sql.Insert;
import dev.tortoise.query.sql.Params;
import dev.tortoise.query.sql.Part;
import dev.tortoise.query.sql.Table;
import dev.tortoise.query.sql.Update;
import dev.tortoise.signals.ModelSignal;
import dev.tortoise.signals.Signals;
import dev.tortoise.query.sql.Value;
import dev.tortoise.transactions.TransactionScope;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Result;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Writes instances: create, bulk create in multi-row batches, save (whole or some fields),
 * refresh and delete, with their signals. Longer than our ~300 lines because the single-row
 * and bulk INSERTs share one cache of statements and one notion of a model's insert columns
 * and keys; the bulk update ({@link BulkUpdates}) and the conflict checks ({@link Conflicts})
 * live apart.
 */
final class Persister {

	/** Rows per INSERT, and a ceiling on bound values per statement (PostgreSQL allows 32,767). */
	static final int BATCH_ROWS = 1000;

	static final int MAX_VALUES = 30000;

	private final Engine engine;

	Persister(Engine engine) {
		this.engine = engine;
	}

	@SuppressWarnings("unchecked")
	private <T> ModelMeta<T> meta(T instance) {
		return (ModelMeta<T>) this.engine.apps().meta(instance.getClass());
	}

	/** Inserts the instance, its PRE_SAVE and POST_SAVE listeners around the INSERT. */
	<T> Mono<T> create(T instance) {
		return signalled(ModelSignal.PRE_SAVE, ModelSignal.POST_SAVE, instance, true, List.of(), () -> insertRow(instance));
	}

	/** A write between its signals' listeners; without listeners, the write alone. */
	private <R> Mono<R> signalled(ModelSignal before, ModelSignal after, Object instance, boolean created, List<String> fields,
			java.util.function.Supplier<Mono<R>> write) {
		Signals signals = this.engine.signals();
		if (signals.isEmpty()) {
			return write.get();
		}
		return signals.fire(before, instance, created, fields)
			.then(Mono.defer(write))
			.flatMap((done) -> signals.fire(after, instance, created, fields).thenReturn(done));
	}

	private <T> Mono<T> insertRow(T instance) {
		return Mono.defer(() -> {
			ModelMeta<T> meta = meta(instance);
			String connection = this.engine.route(meta, null, true);
			InstanceValues.prepare(meta, instance, true, this.engine.zone());
			FieldMeta pk = meta.pk();
			boolean generated = pk.generated() && pk.get(instance) == null;
			Inserts inserts = inserts(meta, connection);
			List<FieldMeta> columns = generated ? inserts.withoutKey() : inserts.all();
			Object[] args = new Object[columns.size()];
			for (int i = 0; i < args.length; i++) {
				args[i] = columns.get(i).get(instance);
			}
			Sql sql = this.engine.bind(connection, generated ? inserts.withoutKeyStatement() : inserts.allStatement(), args);
			return this.engine.executor()
				.withConnection(connection, this.engine.pinned(),
						(Connection c) -> generatedKeys(this.engine.executor()
							.execute(c, connection, sql, generated ? pk.column() : null), generated))
				.last(NO_KEY)
				.map((key) -> {
					if (generated) {
						if (key == NO_KEY) {
							throw new OperationalException("Connection \"" + connection + "\" inserted a " + meta.name()
									+ " but returned no generated " + pk.name() + " for it.");
						}
						pk.set(instance, this.engine.codec(connection).fromDb(pk, key));
					}
					this.engine.mapper(meta, connection).initContainers(instance);
					return instance;
				});
		});
	}

	/** What {@link #create} reads when a statement returned no row. */
	private static final Object NO_KEY = new Object();

	<T> Mono<List<T>> bulkCreate(List<T> instances) {
		return bulkCreate(instances, BulkOptions.defaults());
	}

	<T> Mono<List<T>> bulkCreate(List<T> instances, BulkOptions options) {
		return Mono.defer(() -> {
			if (instances.isEmpty()) {
				return Mono.just(List.of());
			}
			ModelMeta<T> meta = meta(instances.get(0));
			for (T instance : instances) {
				if (instance.getClass() != meta.modelClass()) {
					throw new ValidationException("bulkCreate takes instances of one model; got " + meta.name() + " and "
							+ instance.getClass().getSimpleName() + ".");
				}
				InstanceValues.prepare(meta, instance, true, this.engine.zone());
			}
			String connection = this.engine.route(meta, null, true);
			List<FieldMeta> columns = insertColumns(meta, instances, inserts(meta, connection));
			Insert.OnConflict conflict = Conflicts.of(meta, columns, options);
			int rows = (options.batchSizeOrZero() > 0) ? Math.min(options.batchSizeOrZero(), batchRows(columns))
					: batchRows(columns);
			return statementLimit(connection).flatMap((limit) -> {
				List<List<T>> batches = batches(instances, columns, rows, limit);
				if (batches.size() == 1) {
					return insertBatches(this.engine, connection, meta, columns, batches, conflict).thenReturn(instances);
				}
				// Several statements: one transaction, so that a failure leaves no row behind.
				return Flux.deferContextual((context) -> {
					if (Executor.transaction(context, connection, this.engine.pinned()) != null) {
						return insertBatches(this.engine, connection, meta, columns, batches, conflict);
					}
					return TransactionScope.run(connection, this.engine.connections().get(connection),
							this.engine.boundConnections(),
							(scope) -> insertBatches(this.engine.pinnedTo(scope), connection, meta, columns, batches, conflict));
				}).then(Mono.just(instances));
			});
		});
	}

	/** A column field other than the key, which a write by key may set; else a FieldException naming it. */
	static FieldMeta writable(ModelMeta<?> meta, String name, String what) {
		return InstanceValues.columnField(meta, name, what, false);
	}

	/**
	 * The largest statement a connection's server accepts, asked once per connection where the
	 * dialect says the server has a limit a bulk INSERT can reach (MariaDB's
	 * {@code max_allowed_packet}); else no limit.
	 */
	private Mono<Long> statementLimit(String connection) {
		String query = this.engine.dialect(connection).maxStatementBytesQuery();
		if (query == null) {
			return NO_LIMIT;
		}
		Long known = this.statementLimits.get(connection);
		if (known != null) {
			return Mono.just(known);
		}
		return this.engine.executor()
			.withConnection(connection, this.engine.pinned(), (Connection c) -> Executor.rows(
					Flux.from(c.createStatement(query).execute()), (row, rowMeta) -> ((Number) row.get(0)).longValue()))
			.collectList()
			.map((values) -> values.isEmpty() ? Long.MAX_VALUE : values.get(0))
			.doOnNext((limit) -> this.statementLimits.put(connection, limit));
	}

	private static final Mono<Long> NO_LIMIT = Mono.just(Long.MAX_VALUE);

	private final java.util.Map<String, Long> statementLimits = new java.util.concurrent.ConcurrentHashMap<>();

	/**
	 * Instances split into INSERTs of at most {@code maxRows} rows and, where the server limits
	 * a statement's size, of at most three quarters of {@code maxBytes} of values (the rest is
	 * left to the statement's text and the driver's escaping). A row larger than that goes alone,
	 * for the server to refuse.
	 */
	static <T> List<List<T>> batches(List<T> instances, List<FieldMeta> columns, int maxRows, long maxBytes) {
		List<List<T>> batches = new ArrayList<>();
		if (maxBytes == Long.MAX_VALUE) {
			for (int i = 0; i < instances.size(); i += maxRows) {
				batches.add(instances.subList(i, Math.min(instances.size(), i + maxRows)));
			}
			return batches;
		}
		long budget = maxBytes / 4 * 3;
		int start = 0;
		long bytes = 0;
		for (int i = 0; i < instances.size(); i++) {
			long row = rowBytes(columns, instances.get(i));
			if (i > start && (i - start == maxRows || bytes + row > budget)) {
				batches.add(instances.subList(start, i));
				start = i;
				bytes = 0;
			}
			bytes += row;
		}
		batches.add(instances.subList(start, instances.size()));
		return batches;
	}

	/** About how many bytes a row's values take in a statement. */
	static long rowBytes(List<FieldMeta> columns, Object instance) {
		long bytes = 0;
		for (FieldMeta f : columns) {
			Object value = f.get(instance);
			if (value != null && f.kind() != dev.tortoise.models.FieldKind.DATA) {
				value = f.toField().get(value); // a related instance is bound as its key
			}
			bytes += 8 + ((value == null) ? 0
					: (value instanceof CharSequence text) ? utf8Length(text)
					: (value instanceof byte[] binary) ? 2L * binary.length
					: (value instanceof Number || value instanceof Boolean || value instanceof java.time.temporal.Temporal) ? 24
					: utf8Length(String.valueOf(value)));
		}
		return bytes;
	}

	private static long utf8Length(CharSequence text) {
		long n = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			n += (c < 0x80) ? 1 : (c < 0x800 || Character.isSurrogate(c)) ? 2 : 3;
		}
		return n;
	}

	private static <T> Mono<Void> insertBatches(Engine engine, String connection, ModelMeta<T> meta,
			List<FieldMeta> columns, List<List<T>> batches, Insert.@Nullable OnConflict conflict) {
		// Skipped or updated rows report no key: keys are read only for plain INSERTs.
		boolean generated = !columns.contains(meta.pk()) && conflict == null;
		boolean firstKeyOnly = engine.dialect(connection).reportsFirstGeneratedKeyOnly();
		ValueCodec codec = engine.codec(connection);
		return engine.executor().withConnection(connection, engine.pinned(), (Connection c) -> Flux.fromIterable(batches)
			.concatMap((batch) -> generatedKeys(engine.executor()
				.execute(c, connection, insert(engine, connection, meta, columns, batch, conflict),
						generated ? meta.pk().column() : null),
					generated)
				.collectList()
				.doOnNext((keys) -> {
					if (!generated) {
						return;
					}
					if (keys.size() == batch.size()) {
						for (int i = 0; i < batch.size(); i++) {
							meta.pk().set(batch.get(i), codec.fromDb(meta.pk(), keys.get(i)));
						}
					}
					else if (firstKeyOnly && keys.size() == 1) {
						// The first id of a multi-row INSERT is reported; the rest follow it.
						long first = ((Number) keys.get(0)).longValue();
						for (int i = 0; i < batch.size(); i++) {
							meta.pk().set(batch.get(i), codec.fromDb(meta.pk(), first + i));
						}
					}
					RowMapper<T> mapper = engine.mapper(meta, connection);
					batch.forEach(mapper::initContainers);
				})))
			.then();
	}

	/**
	 * Writes only the named fields of a saved instance (and its auto-now fields), as
	 * Tortoise's {@code save(update_fields=...)}: one UPDATE by primary key; a row that is
	 * not there is an {@code IntegrityException}, as in Tortoise.
	 */
	<T> Mono<T> save(T instance, List<String> fields) {
		return signalled(ModelSignal.PRE_SAVE, ModelSignal.POST_SAVE, instance, false, fields, () -> saveFields(instance, fields));
	}

	private <T> Mono<T> saveFields(T instance, List<String> fields) {
		return Mono.defer(() -> {
			ModelMeta<T> meta = meta(instance);
			Object pk = meta.pk().get(instance);
			if (pk == null) {
				throw new dev.tortoise.exceptions.ParamsException("save(" + meta.name() + ", " + fields + ") writes"
						+ " fields of a saved row, but this " + meta.name() + " has no " + meta.pk().name()
						+ " yet; create it first, or call save() without fields.");
			}
			Map<String, @Nullable Object> values = new java.util.LinkedHashMap<>();
			for (String name : fields) {
				FieldMeta f = writable(meta, name, "save(update fields)");
				values.put(f.name(), f.get(instance));
			}
			Map<FieldMeta, Object> assignments = InstanceValues.assignments(meta, values, this.engine.zone());
			List<FieldMeta> columns = List.copyOf(assignments.keySet());
			Object[] args = new Object[columns.size() + 1];
			int i = 0;
			for (Map.Entry<FieldMeta, Object> a : assignments.entrySet()) {
				if (a.getKey().autoNow()) {
					a.getKey().set(instance, a.getValue());
				}
				args[i++] = a.getValue();
			}
			args[i] = pk;
			String connection = this.engine.route(meta, null, true);
			// One text per model, connection and field set, as for whole saves.
			Compiled update = this.engine.statements().get(new FieldsKey(meta, connection, columns),
					(k) -> render(connection, updateByKey(meta, columns)));
			return this.engine.runUpdate(connection, this.engine.bind(connection, update, args)).map((rows) -> {
				if (rows == 0) {
					throw new dev.tortoise.exceptions.IntegrityException("Can't update a " + meta.name()
							+ " that doesn't exist: no row has " + meta.pk().name() + " " + pk + ".");
				}
				return instance;
			});
		});
	}

	/** Reads the instance's row again and sets every column field from it ({@code refresh_from_db}). */
	<T> Mono<T> refresh(T instance) {
		return Mono.defer(() -> {
			ModelMeta<T> meta = meta(instance);
			Object pk = meta.pk().get(instance);
			if (pk == null) {
				throw new dev.tortoise.exceptions.ParamsException("refresh(" + meta.name() + ") needs a saved row, but"
						+ " this one has no " + meta.pk().name() + ".");
			}
			return this.engine.objects(meta).filter(meta.pk().name(), pk).get().map((fresh) -> {
				for (FieldMeta f : meta.columns()) {
					f.set(instance, f.get(fresh));
				}
				return instance;
			});
		});
	}

	<T> Mono<T> save(T instance) {
		return Mono.defer(() -> {
			ModelMeta<T> meta = meta(instance);
			Object pk = meta.pk().get(instance);
			if (pk == null || (meta.pk().generated() && pk instanceof Number n && n.longValue() == 0
					&& meta.pk().javaType().isPrimitive())) {
				return create(instance);
			}
			if (Annotations.isPartial(instance)) {
				throw new dev.tortoise.exceptions.ParamsException("This " + meta.name() + " was read with only(...), so it"
						+ " lacks fields a whole save would overwrite with NULL: save it with the fields it holds,"
						+ " ctx.save(instance, \"field\", ...).");
			}
			return signalled(ModelSignal.PRE_SAVE, ModelSignal.POST_SAVE, instance, false, List.of(), () -> updateRow(instance));
		});
	}

	private <T> Mono<T> updateRow(T instance) {
		return Mono.defer(() -> {
			ModelMeta<T> meta = meta(instance);
			Object pk = meta.pk().get(instance);
			String connection = this.engine.route(meta, null, true);
			InstanceValues.prepare(meta, instance, false, this.engine.zone());
			List<FieldMeta> columns = meta.columns();
			if (columns.size() == 1) {
				return insertRow(instance).onErrorResume(dev.tortoise.exceptions.IntegrityException.class,
						(ex) -> Mono.just(instance));
			}
			// The other columns in the model's order, then the key.
			Object[] args = new Object[columns.size()];
			int i = 0;
			for (FieldMeta f : columns) {
				if (!f.pk()) {
					args[i++] = f.get(instance);
				}
			}
			args[i] = pk;
			Compiled update = this.engine.statements().get(new InstanceKey(InstanceKey.UPDATE, meta, connection),
					(k) -> render(connection, updateByKey(meta)));
			return this.engine.runUpdate(connection, this.engine.bind(connection, update, args))
				.flatMap((n) -> (n == 0) ? create(instance) : Mono.just(instance));
		});
	}

	<T> Mono<Void> delete(T instance) {
		if (this.engine.signals().isEmpty()) {
			return deleteRow(instance); // no listener: no operators added to turn the empty Mono into a value and back
		}
		return signalled(ModelSignal.PRE_DELETE, ModelSignal.POST_DELETE, instance, false, List.of(),
				() -> deleteRow(instance).thenReturn(Boolean.TRUE)).then();
	}

	private <T> Mono<Void> deleteRow(T instance) {
		return Mono.defer(() -> {
			ModelMeta<T> meta = meta(instance);
			Object pk = meta.pk().get(instance);
			if (pk == null) {
				throw new ValidationException("Cannot delete a " + meta.name() + " that was never saved: its primary"
						+ " key " + meta.pk().name() + " is null.");
			}
			String connection = this.engine.route(meta, null, true);
			Compiled delete = this.engine.statements().get(new InstanceKey(InstanceKey.DELETE, meta, connection),
					(k) -> render(connection, new Delete(Table.of(meta.schema(), meta.table()), byKey(meta, 0))));
			return this.engine.runUpdate(connection, this.engine.bind(connection, delete, pk)).then();
		});
	}

	private static <T> List<FieldMeta> insertColumns(ModelMeta<T> meta, List<T> instances, Inserts inserts) {
		FieldMeta pk = meta.pk();
		int withKey = 0;
		for (T instance : instances) {
			if (pk.get(instance) != null) {
				withKey++;
			}
		}
		if (pk.generated() && withKey != 0 && withKey != instances.size()) {
			throw new ValidationException("bulkCreate got " + meta.name() + " instances with and without primary keys;"
					+ " give all of them a key, or none.");
		}
		return (pk.generated() && withKey == 0) ? inserts.withoutKey() : inserts.all();
	}

	/** A partial save's UPDATE of one model's field set on one connection, written once. */
	private record FieldsKey(ModelMeta<?> meta, String connection, List<FieldMeta> columns) {
	}

	/** The statements of one model's instances on one connection, written once. */
	private record InstanceKey(String kind, ModelMeta<?> meta, String connection) {

		static final String INSERT = "insert";

		static final String UPDATE = "update";

		static final String DELETE = "delete";

	}

	private Compiled render(String connection, Part tree) {
		return Context.render(this.engine.dialect(connection), tree);
	}

	/** {@code pk = ?}, the key read from argument {@code arg}. */
	private static Condition byKey(ModelMeta<?> meta, int arg) {
		return Condition.compare(Column.of(meta.pk().column()), "=", Params.field(meta.pk(), arg));
	}

	/** The UPDATE of every column but the key, by key: the columns' values, then the key's. */
	private static Update updateByKey(ModelMeta<?> meta) {
		return updateByKey(meta, meta.columns().stream().filter((f) -> !f.pk()).toList());
	}

	/** The UPDATE of some columns by key: their values in order, then the key's. */
	private static Update updateByKey(ModelMeta<?> meta, List<FieldMeta> columns) {
		List<Update.Assignment> set = new ArrayList<>(columns.size());
		for (FieldMeta f : columns) {
			set.add(new Update.Assignment(f.column(), Params.field(f, set.size())));
		}
		return new Update(Table.of(meta.schema(), meta.table()), set, byKey(meta, set.size()));
	}

	/** The INSERT of rows of the columns; the value of row r, column i is argument {@code r * columns + i}. */
	static Insert insertTree(ModelMeta<?> meta, List<FieldMeta> columns, int rows) {
		List<List<Value>> values = new ArrayList<>(rows);
		for (int r = 0; r < rows; r++) {
			List<Value> row = new ArrayList<>(columns.size());
			for (int i = 0; i < columns.size(); i++) {
				row.add(Params.field(columns.get(i), r * columns.size() + i));
			}
			values.add(row);
		}
		return new Insert(Table.of(meta.schema(), meta.table()), columns.stream().map(FieldMeta::column).toList(), values);
	}

	/** The multi-row INSERT of a batch, its values bound. */
	private static <T> Sql insert(Engine engine, String connection, ModelMeta<T> meta, List<FieldMeta> columns,
			List<T> rows, Insert.@Nullable OnConflict conflict) {
		Object[] args = new Object[rows.size() * columns.size()];
		for (int r = 0; r < rows.size(); r++) {
			for (int i = 0; i < columns.size(); i++) {
				args[r * columns.size() + i] = columns.get(i).get(rows.get(r));
			}
		}
		// A full batch is the statement of every large bulkCreate: written once. Shorter ones (the
		// last of a list, a small list) vary in length and are written each time.
		if (conflict != null) {
			// Upserts of a batch length are written once: a service upserting the same shape sends one text.
			Compiled upsert = engine.statements().get(new UpsertBatch(meta, connection, columns, rows.size(), conflict),
					(k) -> {
						Insert plain = insertTree(meta, columns, rows.size());
						return Context.render(engine.dialect(connection),
								new Insert(plain.table(), plain.columns(), plain.rows(), conflict));
					});
			return engine.bind(connection, upsert, args);
		}
		Compiled statement = (rows.size() == batchRows(columns))
				? engine.statements().get(new FullBatch(meta, connection, columns.size()),
						(k) -> Context.render(engine.dialect(connection), insertTree(meta, columns, rows.size())))
				: Context.render(engine.dialect(connection), insertTree(meta, columns, rows.size()));
		return engine.bind(connection, statement, args);
	}

	/** An upsert of a number of rows of some columns of a model on a connection. */
	private record UpsertBatch(ModelMeta<?> meta, String connection, List<FieldMeta> columns, int rows,
			Insert.OnConflict conflict) {
	}

	/** The INSERT of a full batch of a model's rows on a connection, with or without its generated key. */
	private record FullBatch(ModelMeta<?> meta, String connection, int columns) {
	}

	/** Rows per INSERT: {@value #BATCH_ROWS}, fewer where the columns would pass the ceiling on bound values. */
	private static int batchRows(List<FieldMeta> columns) {
		return Math.max(1, Math.min(BATCH_ROWS, MAX_VALUES / columns.size()));
	}

	/** A model's single-row INSERTs on a connection, written once. */
	Inserts inserts(ModelMeta<?> meta, String connection) {
		return this.engine.statements().get(new InstanceKey(InstanceKey.INSERT, meta, connection),
				(k) -> Inserts.of(meta, (columns) -> render(connection, insertTree(meta, columns, 1))));
	}

	/**
	 * A model's single-row INSERT on one connection: with every column, and without a
	 * generated key (null where the key is not generated). {@link #create} binds only the
	 * values then.
	 */
	record Inserts(List<FieldMeta> all, Compiled allStatement, List<FieldMeta> withoutKey,
			@Nullable Compiled withoutKeyStatement) {

		static Inserts of(ModelMeta<?> meta, java.util.function.Function<List<FieldMeta>, Compiled> write) {
			List<FieldMeta> all = meta.columns();
			if (!meta.pk().generated()) {
				return new Inserts(all, write.apply(all), all, null);
			}
			List<FieldMeta> withoutKey = all.stream().filter((f) -> f != meta.pk()).toList();
			return new Inserts(all, write.apply(all), withoutKey, write.apply(withoutKey));
		}

	}

	/** The generated keys of an INSERT's results, or its update counts when no key is generated. */
	private static Flux<Object> generatedKeys(Flux<Result> results, boolean generated) {
		return generated ? Executor.rows(results, (row, md) -> row.get(0))
				: Executor.updates(results).map((n) -> (Object) n);
	}

}

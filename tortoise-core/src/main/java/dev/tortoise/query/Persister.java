package dev.tortoise.query;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tortoise.exceptions.FieldException;
import dev.tortoise.exceptions.OperationalException;
import dev.tortoise.exceptions.ValidationException;

import dev.tortoise.models.FieldKind;
import dev.tortoise.models.FieldMeta;
import dev.tortoise.models.ModelMeta;
import dev.tortoise.schema.Dialect;
import dev.tortoise.transactions.TransactionScope;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Result;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Writes instances: create, bulk create in multi-row batches, save and delete. */
final class Persister {

	/** Rows per INSERT, and a ceiling on bound values per statement (PostgreSQL allows 32,767). */
	static final int BATCH_ROWS = 1000;

	private static final int MAX_VALUES = 30000;

	private final QueryEngine engine;

	Persister(QueryEngine engine) {
		this.engine = engine;
	}

	@SuppressWarnings("unchecked")
	private <T> ModelMeta<T> meta(T instance) {
		return (ModelMeta<T>) this.engine.apps().meta(instance.getClass());
	}

	<T> Mono<T> create(T instance) {
		return Mono.defer(() -> {
			ModelMeta<T> meta = meta(instance);
			String connection = this.engine.route(meta, null, true);
			prepare(meta, instance, true, this.engine.zone());
			FieldMeta pk = meta.pk();
			boolean generated = pk.generated() && pk.get(instance) == null;
			Inserts inserts = this.engine.inserts(meta, connection);
			List<FieldMeta> columns = generated ? inserts.withoutKey() : inserts.all();
			Sql sql = Sql.written(this.engine.dialect(connection), this.engine.codec(connection),
					generated ? inserts.withoutKeyText() : inserts.allText());
			for (FieldMeta f : columns) {
				sql.placeholder(f, f.get(instance));
			}
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
				prepare(meta, instance, true, this.engine.zone());
			}
			String connection = this.engine.route(meta, null, true);
			List<FieldMeta> columns = insertColumns(meta, instances, this.engine.inserts(meta, connection));
			int rows = Math.max(1, Math.min(BATCH_ROWS, MAX_VALUES / columns.size()));
			List<List<T>> batches = new ArrayList<>();
			for (int i = 0; i < instances.size(); i += rows) {
				batches.add(instances.subList(i, Math.min(instances.size(), i + rows)));
			}
			if (batches.size() == 1) {
				return insertBatches(this.engine, connection, meta, columns, batches).thenReturn(instances);
			}
			// Several statements: one transaction, so that a failure leaves no row behind.
			return Flux.deferContextual((context) -> {
				if (Executor.transaction(context, connection, this.engine.pinned()) != null) {
					return insertBatches(this.engine, connection, meta, columns, batches);
				}
				return TransactionScope.run(connection, this.engine.connections().get(connection), this.engine.boundConnections(),
						(scope) -> insertBatches(this.engine.pinnedTo(scope), connection, meta, columns, batches));
			}).then(Mono.just(instances));
		});
	}

	private <T> Mono<Void> insertBatches(QueryEngine engine, String connection, ModelMeta<T> meta,
			List<FieldMeta> columns, List<List<T>> batches) {
		boolean generated = !columns.contains(meta.pk());
		boolean mysql = engine.dialect(connection).name().equals("mysql");
		ValueCodec codec = engine.codec(connection);
		return engine.executor().withConnection(connection, engine.pinned(), (Connection c) -> Flux.fromIterable(batches)
			.concatMap((batch) -> generatedKeys(engine.executor()
				.execute(c, connection, writeInsert(engine.sql(connection), meta, columns, batch), generated ? meta.pk().column() : null),
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
					else if (mysql && keys.size() == 1) {
						// MySQL reports the first id of a multi-row INSERT; the rest follow it.
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

	<T> Mono<T> save(T instance) {
		return Mono.defer(() -> {
			ModelMeta<T> meta = meta(instance);
			Object pk = meta.pk().get(instance);
			if (pk == null || (meta.pk().generated() && pk instanceof Number n && n.longValue() == 0
					&& meta.pk().javaType().isPrimitive())) {
				return create(instance);
			}
			String connection = this.engine.route(meta, null, true);
			prepare(meta, instance, false, this.engine.zone());
			Sql sql = this.engine.sql(connection);
			Map<FieldMeta, Object> assignments = new LinkedHashMap<>();
			for (FieldMeta f : meta.columns()) {
				if (!f.pk()) {
					assignments.put(f, f.get(instance));
				}
			}
			if (assignments.isEmpty()) {
				return create(instance).onErrorResume(dev.tortoise.exceptions.IntegrityException.class,
						(ex) -> Mono.just(instance));
			}
			String set = setClause(sql, assignments);
			sql.append("UPDATE " + sql.dialect().quote(meta.table()) + " SET " + set + " WHERE "
					+ sql.dialect().quote(meta.pk().column()) + " = " + sql.placeholder(meta.pk(), pk));
			return this.engine.runUpdate(connection, sql).flatMap((n) -> (n == 0) ? create(instance) : Mono.just(instance));
		});
	}

	<T> Mono<Void> delete(T instance) {
		return Mono.defer(() -> {
			ModelMeta<T> meta = meta(instance);
			Object pk = meta.pk().get(instance);
			if (pk == null) {
				throw new ValidationException("Cannot delete a " + meta.name() + " that was never saved: its primary"
						+ " key " + meta.pk().name() + " is null.");
			}
			String connection = this.engine.route(meta, null, true);
			Sql sql = this.engine.sql(connection);
			sql.append("DELETE FROM " + sql.dialect().quote(meta.table()) + " WHERE "
					+ sql.dialect().quote(meta.pk().column()) + " = " + sql.placeholder(meta.pk(), pk));
			return this.engine.runUpdate(connection, sql).then();
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

	/** The INSERT of the rows, with their values bound; rows that are null bind nulls (a text to cache). */
	private static <T> Sql writeInsert(Sql sql, ModelMeta<T> meta, List<FieldMeta> columns, List<@Nullable T> rows) {
		Dialect d = sql.dialect();
		StringBuilder text = new StringBuilder("INSERT INTO ").append(d.quote(meta.table())).append(" (");
		for (int i = 0; i < columns.size(); i++) {
			text.append((i > 0) ? ", " : "").append(d.quote(columns.get(i).column()));
		}
		text.append(") VALUES ");
		for (int r = 0; r < rows.size(); r++) {
			text.append((r > 0) ? ", (" : "(");
			T row = rows.get(r);
			for (int i = 0; i < columns.size(); i++) {
				FieldMeta f = columns.get(i);
				text.append((i > 0) ? ", " : "").append(sql.placeholder(f, (row != null) ? f.get(row) : null));
			}
			text.append(')');
		}
		return sql.append(text.toString());
	}

	/**
	 * A model's single-row INSERT on one connection, written once: with every column, and
	 * without a generated key (null where the key is not generated). {@link #create} binds
	 * only the values then.
	 */
	record Inserts(List<FieldMeta> all, String allText, List<FieldMeta> withoutKey, @Nullable String withoutKeyText) {

		static Inserts of(ModelMeta<?> meta, java.util.function.Supplier<Sql> sql) {
			List<FieldMeta> all = meta.columns();
			List<@Nullable Object> oneRow = java.util.Collections.singletonList(null);
			String allText = writeInsert(sql.get(), meta, all, cast(oneRow)).text();
			if (!meta.pk().generated()) {
				return new Inserts(all, allText, all, null);
			}
			List<FieldMeta> withoutKey = all.stream().filter((f) -> f != meta.pk()).toList();
			return new Inserts(all, allText, withoutKey, writeInsert(sql.get(), meta, withoutKey, cast(oneRow)).text());
		}

		@SuppressWarnings("unchecked")
		private static <T> List<@Nullable T> cast(List<@Nullable Object> rows) {
			return (List<@Nullable T>) (List<?>) rows;
		}

	}

	/** The generated keys of an INSERT's results, or its update counts when no key is generated. */
	private static Flux<Object> generatedKeys(Flux<Result> results, boolean generated) {
		return generated ? Executor.rows(results, (row, md) -> row.get(0))
				: Executor.updates(results).map((n) -> (Object) n);
	}

	/** Sets automatic values and defaults, then checks that every required column has a value. */
	static <T> void prepare(ModelMeta<T> meta, T instance, boolean creating, ZoneId zone) {
		for (FieldMeta f : meta.columns()) {
			Object value = f.get(instance);
			if (f.autoNow() || (creating && f.autoNowAdd() && value == null)) {
				f.set(instance, now(f, zone));
				continue;
			}
			if (value == null && creating && f.defaultValue() != null) {
				f.set(instance, f.defaultValue());
				continue;
			}
			if (value == null && !f.nullable() && !(f.pk() && f.generated())) {
				throw new ValidationException("Field " + meta.name() + "." + f.name() + " is required but is null.");
			}
			if (value != null && f.kind() != FieldKind.DATA && f.toField().get(value) == null) {
				throw new ValidationException("Field " + meta.name() + "." + f.name() + " refers to a "
						+ f.related().name() + " that has no " + f.toField().name() + " yet; save it first.");
			}
		}
	}

	/** The current time in the field's Java type, at the precision the databases keep. */
	static Object now(FieldMeta f, ZoneId zone) {
		Class<?> type = f.javaType();
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		if (type == Instant.class) {
			return now;
		}
		if (type == ZonedDateTime.class) {
			return now.atZone(zone);
		}
		if (type == LocalDateTime.class) {
			return LocalDateTime.ofInstant(now, zone);
		}
		return OffsetDateTime.ofInstant(now, zone);
	}

	/** The columns an update sets, from field names, plus auto-now fields. */
	static Map<FieldMeta, Object> assignments(ModelMeta<?> meta, Map<String, ?> values, ZoneId zone) {
		Map<FieldMeta, Object> out = new LinkedHashMap<>();
		values.forEach((key, value) -> {
			FieldMeta f = meta.findField(key);
			if (f == null || !f.kind().hasColumn()) {
				throw new FieldException("Cannot update \"" + key + "\" of model " + meta.name() + ": it is not a"
						+ " column field. Valid fields: " + String.join(", ", meta.columns().stream()
							.map(FieldMeta::name).toList()) + ".");
			}
			if (value == null && !f.nullable()) {
				throw new ValidationException("Field " + meta.name() + "." + f.name() + " is not nullable.");
			}
			out.put(f, value);
		});
		for (FieldMeta f : meta.columns()) {
			if (f.autoNow() && !out.containsKey(f)) {
				out.put(f, now(f, zone));
			}
		}
		return out;
	}

	static String setClause(Sql sql, Map<FieldMeta, @Nullable Object> assignments) {
		List<String> parts = new ArrayList<>();
		assignments.forEach((f, v) -> parts.add(sql.dialect().quote(f.column()) + " = " + sql.placeholder(f, v)));
		return String.join(", ", parts);
	}


}

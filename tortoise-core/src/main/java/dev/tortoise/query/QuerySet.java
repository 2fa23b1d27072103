package dev.tortoise.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.tortoise.exceptions.DoesNotExistException;
import dev.tortoise.exceptions.MultipleObjectsReturnedException;
import dev.tortoise.exceptions.ParamsException;
import dev.tortoise.models.ModelMeta;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A lazy, immutable query over one model, as Tortoise's {@code QuerySet}: every method
 * returns a new one, and nothing runs until a terminal method is subscribed to. Field
 * names are checked against the model before any SQL is sent; values are always bound.
 * Its size is the size of Tortoise's QuerySet API, one short method each; the work is in
 * {@code Reads}, {@code BulkWrites} and {@code Persister}.
 *
 * @param <T> the model
 */
public final class QuerySet<T> {

	final Engine engine;

	final ModelMeta<T> meta;

	final List<Q> filters;

	final List<String> orderBy;

	final @Nullable Long limit;

	final @Nullable Long offset;

	final List<String> selectRelated;

	final List<String> prefetchRelated;

	final @Nullable String using;

	final boolean distinct;

	final dev.tortoise.query.sql.Select.@Nullable Lock lock;

	/** Annotations by name, in the order given ({@link #annotate}). */
	final Map<String, Expression> annotations;

	final List<String> groupBy;

	/** The fields a partial read loads ({@link #only}); empty for every column. */
	final List<String> only;

	QuerySet(Engine engine, ModelMeta<T> meta) {
		this(engine, meta, List.of(), meta.ordering(), null, null, List.of(), List.of(), null, false, null, Map.of(),
				List.of(), List.of());
	}

	private QuerySet(Engine engine, ModelMeta<T> meta, List<Q> filters, List<String> orderBy,
			@Nullable Long limit, @Nullable Long offset, List<String> selectRelated, List<String> prefetchRelated,
			@Nullable String using, boolean distinct, dev.tortoise.query.sql.Select.@Nullable Lock lock,
			Map<String, Expression> annotations, List<String> groupBy, List<String> only) {
		this.engine = engine;
		this.meta = meta;
		this.filters = filters;
		this.orderBy = orderBy;
		this.limit = limit;
		this.offset = offset;
		this.selectRelated = selectRelated;
		this.prefetchRelated = prefetchRelated;
		this.using = using;
		this.distinct = distinct;
		this.lock = lock;
		this.annotations = annotations;
		this.groupBy = groupBy;
		this.only = only;
	}

	private QuerySet<T> with(List<Q> filters, List<String> orderBy, @Nullable Long limit, @Nullable Long offset,
			List<String> selectRelated, List<String> prefetchRelated, @Nullable String using) {
		return new QuerySet<>(this.engine, this.meta, filters, orderBy, limit, offset, selectRelated,
				prefetchRelated, using, this.distinct, this.lock, this.annotations, this.groupBy, this.only);
	}

	/**
	 * Adds a value computed for each row under {@code name}, as Tortoise's {@code annotate}:
	 * an aggregate over related rows ({@code Functions.count("events")}) groups the rows by
	 * the model; filters, orderBy and values may name it ({@code filter("eventCount__gt", 1)}),
	 * filters on aggregates becoming HAVING. Each instance read gets the value in a Java field
	 * of that name if the model declares one (transient or not mapped), and from
	 * {@code ctx.annotation(instance, name)}.
	 */
	public QuerySet<T> annotate(String name, Expression expression) {
		if (this.meta.findField(name) != null && this.meta.findField(name).kind().hasColumn()) {
			throw new dev.tortoise.exceptions.FieldException("annotate(\"" + name + "\") names a field of "
					+ this.meta.name() + "; give the annotation a name of its own.");
		}
		Map<String, Expression> more = new java.util.LinkedHashMap<>(this.annotations);
		more.put(name, java.util.Objects.requireNonNull(expression, "expression"));
		return new QuerySet<>(this.engine, this.meta, this.filters, this.orderBy, this.limit, this.offset,
				this.selectRelated, this.prefetchRelated, this.using, this.distinct, this.lock,
				java.util.Collections.unmodifiableMap(more), this.groupBy, this.only);
	}

	/**
	 * Groups rows by the given fields for {@link #values} and {@link #valuesList} with
	 * aggregate annotations, as Tortoise's {@code group_by}: one row per distinct value.
	 */
	public QuerySet<T> groupBy(String... fields) {
		return new QuerySet<>(this.engine, this.meta, this.filters, this.orderBy, this.limit, this.offset,
				this.selectRelated, this.prefetchRelated, this.using, this.distinct, this.lock, this.annotations,
				List.of(fields), this.only);
	}

	/**
	 * Aggregates over every matching row as one map, as Tortoise's {@code aggregate}
	 * ({@code Map.of("total", Functions.sum("prize"))}); an aggregate over no rows is NULL,
	 * COUNT 0.
	 */
	public Mono<Map<String, Object>> aggregate(Map<String, Expression> aggregates) {
		return this.engine.reads().aggregate(this, new java.util.LinkedHashMap<>(aggregates));
	}

	/** Each row once, as {@code SELECT DISTINCT} (useful with values() and filters through relations). */
	public QuerySet<T> distinct() {
		return new QuerySet<>(this.engine, this.meta, this.filters, this.orderBy, this.limit, this.offset,
				this.selectRelated, this.prefetchRelated, this.using, true, this.lock, this.annotations, this.groupBy,
				this.only);
	}

	/**
	 * Locks the rows read until the transaction ends ({@code SELECT ... FOR UPDATE}), as
	 * Tortoise's {@code select_for_update()}. Only inside a transaction: outside one the
	 * query fails with a {@code TransactionManagementException}. SQLite has no row locks: a
	 * transaction that writes holds the whole database, so the query reads without a clause.
	 */
	public QuerySet<T> selectForUpdate() {
		return selectForUpdate(false, false);
	}

	/**
	 * {@link #selectForUpdate()} that fails at once on a locked row ({@code nowait}) or skips
	 * locked rows ({@code skipLocked}), locking only the tables named in {@code of}: the
	 * model's table name, or relations given to selectRelated (PostgreSQL).
	 */
	public QuerySet<T> selectForUpdate(boolean nowait, boolean skipLocked, String... of) {
		if (nowait && skipLocked) {
			throw new ParamsException("selectForUpdate takes nowait or skipLocked, not both.");
		}
		return new QuerySet<>(this.engine, this.meta, this.filters, this.orderBy, this.limit, this.offset,
				this.selectRelated, this.prefetchRelated, this.using, this.distinct,
				new dev.tortoise.query.sql.Select.Lock(nowait, skipLocked, List.of(of)), this.annotations, this.groupBy,
				this.only);
	}

	private static <E> List<E> plus(List<E> list, List<E> more) {
		if (list.isEmpty()) {
			return List.copyOf(more); // the first filter of a query: no copy of an immutable list
		}
		List<E> out = new ArrayList<>(list);
		out.addAll(more);
		return List.copyOf(out);
	}

	/** Rows where {@code key} matches the value ({@code field[__relation...][__lookup]}). */
	public QuerySet<T> filter(String key, @Nullable Object value) {
		return filter(Q.of(key, value));
	}

	/** Rows matching every condition. */
	public QuerySet<T> filter(Q... conditions) {
		return with(plus(this.filters, List.of(conditions)), this.orderBy, this.limit, this.offset, this.selectRelated,
				this.prefetchRelated, this.using);
	}

	/** Rows matching every condition of the map. */
	public QuerySet<T> filter(Map<String, ?> conditions) {
		return filter(Q.of(conditions));
	}

	/** Rows where {@code key} does not match the value. */
	public QuerySet<T> exclude(String key, @Nullable Object value) {
		return exclude(Q.of(key, value));
	}

	/** Rows not matching the condition. */
	public QuerySet<T> exclude(Q condition) {
		return filter(condition.not());
	}

	/** Sort by fields; {@code -name} sorts descending; relations are followed with {@code __}. */
	public QuerySet<T> orderBy(String... fields) {
		return with(this.filters, List.copyOf(Arrays.asList(fields)), this.limit, this.offset, this.selectRelated,
				this.prefetchRelated, this.using);
	}

	/** At most this many rows. */
	public QuerySet<T> limit(long limit) {
		if (limit < 0) {
			throw new ParamsException("limit must not be negative, got " + limit + ".");
		}
		return with(this.filters, this.orderBy, limit, this.offset, this.selectRelated, this.prefetchRelated,
				this.using);
	}

	/** Skip this many rows. */
	public QuerySet<T> offset(long offset) {
		if (offset < 0) {
			throw new ParamsException("offset must not be negative, got " + offset + ".");
		}
		return with(this.filters, this.orderBy, this.limit, offset, this.selectRelated, this.prefetchRelated,
				this.using);
	}

	/** Loads foreign keys and one-to-one relations in the same query, with a join. */
	public QuerySet<T> selectRelated(String... relations) {
		return with(this.filters, this.orderBy, this.limit, this.offset, plus(this.selectRelated, Arrays.asList(relations)),
				this.prefetchRelated, this.using);
	}

	/** Loads relations with one extra query per relation (nested with {@code __}), never one per row. */
	public QuerySet<T> prefetchRelated(String... relations) {
		return with(this.filters, this.orderBy, this.limit, this.offset, this.selectRelated,
				plus(this.prefetchRelated, Arrays.asList(relations)), this.using);
	}

	/** Runs on the named connection, whatever the routers say. */
	public QuerySet<T> using(String connectionName) {
		this.engine.connections().config(connectionName);
		return with(this.filters, this.orderBy, this.limit, this.offset, this.selectRelated, this.prefetchRelated,
				connectionName);
	}

	/** The matching rows. */
	public Flux<T> all() {
		return this.engine.reads().select(this);
	}

	/** The first matching row (by primary key unless ordered), or empty. */
	public Mono<T> first() {
		QuerySet<T> q = this.orderBy.isEmpty() ? orderBy(this.meta.pk().name()) : this;
		return q.limit(1).all().singleOrEmpty();
	}

	/**
	 * The one matching row.
	 * @throws DoesNotExistException if there is none
	 * @throws MultipleObjectsReturnedException if there are several
	 */
	public Mono<T> get() {
		return limit(2).all().collectList().handle((rows, sink) -> {
			if (rows.size() == 1) {
				sink.next(rows.get(0));
			}
			else if (rows.isEmpty()) {
				sink.error(new DoesNotExistException(this.meta.name() + " matching query does not exist: "
						+ describeFilters() + "."));
			}
			else {
				sink.error(new MultipleObjectsReturnedException("More than one " + this.meta.name()
						+ " matches the query: " + describeFilters() + "."));
			}
		});
	}

	/** The one matching row, empty if there is none; several are still an error. */
	public Mono<T> getOrNone() {
		return get().onErrorResume(DoesNotExistException.class, (ex) -> Mono.empty());
	}

	/** Number of matching rows. */
	public Mono<Long> count() {
		return this.engine.reads().count(this);
	}

	/** Whether any row matches. */
	public Mono<Boolean> exists() {
		return this.engine.reads().exists(this);
	}

	/** Matching rows as maps of the given fields (relations followed with {@code __}); all columns if none. */
	public Flux<Map<String, Object>> values(String... fields) {
		return this.engine.reads().values(this, List.of(fields));
	}

	/**
	 * The one row this query's filters find, else a new one made of the filters' values and
	 * {@code defaults}, as Tortoise's {@code get_or_create}: the filters must be plain
	 * {@code field} or {@code field__exact} keys. If another writer inserts the same row
	 * between the read and the insert (a unique constraint refuses ours), the row is read again.
	 */
	public Mono<Created<T>> getOrCreate(Map<String, ?> defaults) {
		return Mono.defer(() -> {
			Map<String, @Nullable Object> lookup = lookup("getOrCreate");
			return get().map((found) -> new Created<>(found, false))
				.onErrorResume(DoesNotExistException.class, (none) -> create(lookup, defaults)
					.map((made) -> new Created<>(made, true))
					.onErrorResume(dev.tortoise.exceptions.IntegrityException.class,
							(taken) -> get().map((found) -> new Created<>(found, false))));
		});
	}

	/**
	 * The one row this query's filters find with {@code defaults} written into it, else a
	 * new one made of the filters' values and {@code defaults}, as Tortoise's
	 * {@code update_or_create}. Inside a transaction the row is locked while it is updated.
	 */
	public Mono<Created<T>> updateOrCreate(Map<String, ?> defaults) {
		return Mono.defer(() -> {
			Map<String, @Nullable Object> lookup = lookup("updateOrCreate");
			Persister persister = new Persister(this.engine);
			Mono<Created<T>> update = get().flatMap((found) -> {
				defaults.forEach((name, value) -> field("updateOrCreate", name).set(found, value));
				List<String> names = defaults.keySet().stream().map((n) -> field("updateOrCreate", n).name()).toList();
				return (names.isEmpty() ? Mono.just(found) : persister.save(found, names))
					.map((saved) -> new Created<>(saved, false));
			});
			return update.onErrorResume(DoesNotExistException.class, (none) -> create(lookup, defaults)
				.map((made) -> new Created<>(made, true))
				.onErrorResume(dev.tortoise.exceptions.IntegrityException.class, (taken) -> update));
		});
	}

	/** The filters as field values for a new row; only plain equality filters make one. */
	private Map<String, @Nullable Object> lookup(String method) {
		Map<String, @Nullable Object> out = new java.util.LinkedHashMap<>();
		for (Q q : this.filters) {
			if (q.kind != Q.Kind.LEAF || q.negated || q.value instanceof Expression) {
				throw new ParamsException(method + "() makes a new " + this.meta.name() + " from its filters, so they"
						+ " must be plain field = value filters; got " + q + ".");
			}
			String key = q.key.endsWith("__exact") ? q.key.substring(0, q.key.length() - 7) : q.key;
			if (key.contains("__")) {
				throw new ParamsException(method + "() makes a new " + this.meta.name() + " from its filters, so they"
						+ " must be plain field = value filters on its own fields; \"" + q.key + "\" is not one.");
			}
			out.put(key, q.value);
		}
		return out;
	}

	private dev.tortoise.models.FieldMeta field(String method, String name) {
		return InstanceValues.columnField(this.meta, name, method + "()", true);
	}

	private Mono<T> create(Map<String, @Nullable Object> lookup, Map<String, ?> defaults) {
		T instance = this.meta.newInstance();
		lookup.forEach((name, value) -> setField(instance, field("getOrCreate", name), value));
		defaults.forEach((name, value) -> setField(instance, field("getOrCreate", name), value));
		return new Persister(this.engine).create(instance);
	}

	/** Sets a field; a key given for a relation stands for the related row (an instance with only that key). */
	private static void setField(Object instance, dev.tortoise.models.FieldMeta f, @Nullable Object value) {
		if (value != null && f.related() != null && f.kind() != dev.tortoise.models.FieldKind.DATA
				&& !f.related().modelClass().isInstance(value)) {
			Object stub = f.related().newInstance();
			f.toField().set(stub, value);
			f.set(instance, stub);
			return;
		}
		f.set(instance, value);
	}

	/** Matching rows as lists of the given fields' values, in their order (all columns if none), as Tortoise's {@code values_list}. */
	public Flux<List<Object>> valuesList(String... fields) {
		return values(fields).map((row) -> java.util.Collections.unmodifiableList(new ArrayList<>(row.values())));
	}

	/**
	 * One field's value of each matching row ({@code values_list(field, flat=True)}). A
	 * reactive stream carries no null: rows whose value is NULL are left out; use
	 * {@link #valuesList} where NULLs count.
	 */
	public Flux<Object> valuesListFlat(String field) {
		return values(field).mapNotNull((row) -> row.get(field));
	}

	/** The last row by the given fields ({@code -name} descending) or, if none, by the primary key. */
	public Mono<T> latest(String... fields) {
		return reversed(fields.length == 0 ? List.of(this.meta.pk().name()) : List.of(fields)).first();
	}

	/** The first row by the given fields or, if none, by the primary key. */
	public Mono<T> earliest(String... fields) {
		return orderBy(fields.length == 0 ? new String[] { this.meta.pk().name() } : fields).first();
	}

	/** The last row of this query's order (by primary key if it has none), as Tortoise's {@code last()}. */
	public Mono<T> last() {
		return reversed(this.orderBy.isEmpty() ? List.of(this.meta.pk().name()) : this.orderBy).first();
	}

	private QuerySet<T> reversed(List<String> fields) {
		return orderBy(fields.stream().map((f) -> f.startsWith("-") ? f.substring(1) : "-" + f).toArray(String[]::new));
	}

	/** The rows whose primary key is one of {@code pks}, by primary key ({@code in_bulk}). */
	public Mono<Map<Object, T>> inBulk(java.util.Collection<?> pks) {
		dev.tortoise.models.FieldMeta pk = this.meta.pk();
		return filter(pk.name() + "__in", List.copyOf(pks)).all()
			.collectMap(pk::get, (row) -> row, java.util.LinkedHashMap::new);
	}

	/**
	 * Reads only the named fields (and the primary key) into partial instances, as Tortoise's
	 * {@code only()}: the other fields stay null, and such an instance is saved only with the
	 * fields it holds ({@code ctx.save(instance, "name")}); a whole save is refused.
	 */
	public QuerySet<T> only(String... fields) {
		List<String> names = new ArrayList<>();
		for (String name : fields) {
			dev.tortoise.models.FieldMeta f = field("only", name);
			names.add(f.name());
		}
		if (!this.selectRelated.isEmpty() || !this.annotations.isEmpty()) {
			throw new ParamsException("only() reads plain fields of " + this.meta.name()
					+ "; it does not combine with selectRelated or annotate.");
		}
		return new QuerySet<>(this.engine, this.meta, this.filters, this.orderBy, this.limit, this.offset,
				this.selectRelated, this.prefetchRelated, this.using, this.distinct, this.lock, this.annotations,
				this.groupBy, List.copyOf(names));
	}

	/**
	 * One field of this query's rows as a subquery of another statement, as Tortoise's
	 * {@code Subquery}: {@code filter("tournament__in", cups.subquery("id"))} is one statement.
	 */
	public Expression subquery(String field) {
		return new Subquery(this, field);
	}

	/** The SELECT this query sends, with the dialect's placeholders where its values are bound (for debugging). */
	public String sql() {
		return this.engine.reads().selectText(this);
	}

	/** How the database runs this query: its EXPLAIN output, one line per row of it. */
	public Mono<String> explain() {
		return this.engine.reads().explain(this);
	}

	/** Sets fields of every matching row; returns the number of rows changed. */
	public Mono<Long> update(Map<String, ?> values) {
		return this.engine.bulkWrites().update(this, values);
	}

	/** Deletes every matching row; returns the number of rows deleted. */
	public Mono<Long> delete() {
		return this.engine.bulkWrites().delete(this);
	}

	/** The model this query reads. */
	public ModelMeta<T> meta() {
		return this.meta;
	}

	private String describeFilters() {
		return this.filters.isEmpty() ? "no filter" : this.filters.toString();
	}

	@Override
	public String toString() {
		return "QuerySet[" + this.meta.name() + ", filters=" + this.filters + ", orderBy=" + this.orderBy + "]";
	}

}

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

	QuerySet(Engine engine, ModelMeta<T> meta) {
		this(engine, meta, List.of(), meta.ordering(), null, null, List.of(), List.of(), null);
	}

	private QuerySet(Engine engine, ModelMeta<T> meta, List<Q> filters, List<String> orderBy,
			@Nullable Long limit, @Nullable Long offset, List<String> selectRelated, List<String> prefetchRelated,
			@Nullable String using) {
		this.engine = engine;
		this.meta = meta;
		this.filters = filters;
		this.orderBy = orderBy;
		this.limit = limit;
		this.offset = offset;
		this.selectRelated = selectRelated;
		this.prefetchRelated = prefetchRelated;
		this.using = using;
	}

	private QuerySet<T> with(List<Q> filters, List<String> orderBy, @Nullable Long limit, @Nullable Long offset,
			List<String> selectRelated, List<String> prefetchRelated, @Nullable String using) {
		return new QuerySet<>(this.engine, this.meta, filters, orderBy, limit, offset, selectRelated, prefetchRelated,
				using);
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

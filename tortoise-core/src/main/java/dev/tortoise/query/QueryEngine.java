package dev.tortoise.query;

import java.util.List;
import java.util.function.Function;

import dev.tortoise.config.TortoiseConfig;
import dev.tortoise.connection.Connections;
import dev.tortoise.models.Apps;
import dev.tortoise.models.ModelMeta;
import dev.tortoise.transactions.TransactionScope;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Result;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The queries and writes of a {@code TortoiseContext}. A facade: routing, the statement
 * cache and execution are the package's {@code Engine}'s; each kind of statement is
 * written by its own compiler ({@code Reads}, {@code BulkWrites}, {@code Persister},
 * {@code Prefetcher}, {@link ManyToManyManager}). Internal: use it through
 * {@code TortoiseContext} and {@link QuerySet}.
 */
public final class QueryEngine {

	private final Engine engine;

	private final Persister persister;

	public QueryEngine(Apps apps, Connections connections, TortoiseConfig config) {
		this(new Engine(apps, connections, config));
	}

	private QueryEngine(Engine engine) {
		this.engine = engine;
		this.persister = new Persister(engine);
	}

	/** The same engine with every query of the transaction's connection pinned to it. */
	public QueryEngine pinnedTo(TransactionScope scope) {
		return new QueryEngine(this.engine.pinnedTo(scope));
	}

	/** A query over every row of a model. */
	public <T> QuerySet<T> objects(Class<T> model) {
		return this.engine.objects(this.engine.apps().meta(model));
	}

	/** A query over every row of a model. */
	public <T> QuerySet<T> objects(ModelMeta<T> meta) {
		return this.engine.objects(meta);
	}

	/** Inserts the instance and sets its generated primary key. */
	public <T> Mono<T> create(T instance) {
		return this.persister.create(instance);
	}

	/** Inserts the instances with multi-row INSERTs, setting generated keys. */
	public <T> Mono<List<T>> bulkCreate(List<T> instances) {
		return this.persister.bulkCreate(instances);
	}

	/** Inserts the instances as the options say (batch size, conflicts skipped or updated). */
	public <T> Mono<List<T>> bulkCreate(List<T> instances, BulkOptions options) {
		return this.persister.bulkCreate(instances, options);
	}

	/** Writes the named fields of saved instances in a few statements; the rows changed. */
	public <T> Mono<Long> bulkUpdate(List<T> instances, List<String> fields) {
		return new BulkUpdates(this.engine).bulkUpdate(instances, fields, 0);
	}

	/** Updates the instance's row, or inserts it if it has none. */
	public <T> Mono<T> save(T instance) {
		return this.persister.save(instance);
	}

	/** Writes only the named fields of a saved instance, and its auto-now fields. */
	public <T> Mono<T> save(T instance, List<String> fields) {
		return fields.isEmpty() ? this.persister.save(instance) : this.persister.save(instance, fields);
	}

	/** Rows of hand-written SQL ({@code ?} placeholders) as instances of a model. */
	public <T> Flux<T> raw(Class<T> model, String sql, @org.jspecify.annotations.Nullable Object... args) {
		return RawSql.instances(this.engine, this.engine.apps().meta(model), sql, args);
	}

	/** Rows of hand-written SQL ({@code ?} placeholders) on a connection, as maps of column to value. */
	public Flux<java.util.Map<String, Object>> executeQuery(String connection, String sql,
			@org.jspecify.annotations.Nullable Object... args) {
		this.engine.connections().dialect(connection); // an unknown connection is named before anything runs
		return RawSql.maps(this.engine, connection, sql, args);
	}

	/** An annotation's value of an instance a query read. */
	public static @org.jspecify.annotations.Nullable Object annotation(Object instance, String name) {
		return Annotations.value(instance, name);
	}

	/** The context's signal listeners ({@code PRE_SAVE}, {@code POST_SAVE}, {@code PRE_DELETE}, {@code POST_DELETE}). */
	public dev.tortoise.signals.Signals signals() {
		return this.engine.signals();
	}

	/** Reads the instance's row again into it. */
	public <T> Mono<T> refresh(T instance) {
		return this.persister.refresh(instance);
	}

	/** Deletes the instance's row. */
	public Mono<Void> delete(Object instance) {
		return this.persister.delete(instance);
	}

	/** Loads relations into one instance, as prefetchRelated does for a query. */
	public <T> Mono<T> fetchRelated(T instance, String... relations) {
		return Relations.fetch(this.engine, instance, relations);
	}

	/** Loads relations into instances of one model, one query per relation for all of them. */
	public <T> Mono<List<T>> fetchRelated(List<T> instances, String... relations) {
		return Relations.fetchAll(this.engine, instances, relations);
	}

	/** The rows related to an instance through one of its relations, as a query. */
	public QuerySet<?> related(Object instance, String relation) {
		return Relations.related(this.engine, instance, relation);
	}

	/** Adds, removes and lists the rows related through a many-to-many relation of an instance. */
	public <T> ManyToManyManager<T> m2m(Object instance, String relation) {
		return new ManyToManyManager<>(this.engine, instance, this.engine.apps().meta(instance.getClass()).field(relation));
	}

	/** Statements sent since init, for tests and metrics. */
	public long statementCount() {
		return this.engine.executor().count();
	}

	/** Number of statements written and cached, for tests. */
	int cachedStatements() {
		return this.engine.statements().size();
	}

	/**
	 * The update counts of a statement run outside a query set (schema DDL), read to the
	 * statement's end even if the subscriber cancels, as every query's are.
	 */
	public static Flux<Long> rowsUpdated(Flux<Result> results) {
		return Executor.updates(results);
	}

	/**
	 * Work outside a query set (schema DDL) on a connection from {@code acquire}, closed only
	 * when the work has ended: a cancel stops the acquisition if no connection has come yet,
	 * else lets the work run to its end unseen, as every query's work does, so that no
	 * connection goes back to its pool in the middle of a statement or a transaction.
	 */
	public static <T> Flux<T> onConnection(Publisher<? extends Connection> acquire,
			Function<Connection, ? extends Publisher<T>> work) {
		return Lease.of(acquire, work);
	}

}

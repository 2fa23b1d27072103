package dev.tortoise.query;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiFunction;
import java.util.function.Consumer;

import dev.tortoise.config.TortoiseConfig;
import dev.tortoise.connection.Connections;
import dev.tortoise.models.Apps;
import dev.tortoise.models.ModelMeta;
import dev.tortoise.query.sql.Compiled;
import dev.tortoise.routing.Routes;
import dev.tortoise.schema.Dialect;
import dev.tortoise.transactions.BoundConnections;
import dev.tortoise.transactions.TransactionScope;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What every statement of a context shares: the models, the connections and their
 * dialects and value codecs, routing, the statement cache, row mappers, and the executor
 * that runs a statement on its connection (the transaction's when the engine is pinned to
 * one). Compilers ({@link Reads}, {@link BulkWrites}, {@link Persister}, {@link Prefetcher},
 * {@link ManyToManyManager}) build trees and run them through it.
 */
final class Engine {

	private final Apps apps;

	private final Connections connections;

	private final TortoiseConfig config;

	private final Executor executor;

	private final Routes routes;

	private final Map<String, ValueCodec> codecs;

	private final Map<String, Map<ModelMeta<?>, RowMapper<?>>> mappers;

	private final Statements statements;

	private final @Nullable TransactionScope pinned;

	private final dev.tortoise.signals.Signals signals;

	private final Reads reads = new Reads(this);

	private final BulkWrites bulkWrites = new BulkWrites(this);

	Engine(Apps apps, Connections connections, TortoiseConfig config) {
		this(apps, connections, config, new Executor(connections, new LongAdder(), config.boundConnections()),
				new ConcurrentHashMap<>(), new Statements(), codecs(connections, config), null,
				new dev.tortoise.signals.Signals());
	}

	private Engine(Apps apps, Connections connections, TortoiseConfig config, Executor executor,
			Map<String, Map<ModelMeta<?>, RowMapper<?>>> mappers, Statements statements, Map<String, ValueCodec> codecs,
			@Nullable TransactionScope pinned, dev.tortoise.signals.Signals signals) {
		this.apps = apps;
		this.signals = signals;
		this.connections = connections;
		this.config = config;
		this.executor = executor;
		this.routes = new Routes(config.routers(), connections::config);
		this.mappers = mappers;
		this.statements = statements;
		this.codecs = codecs;
		this.pinned = pinned;
	}

	private static Map<String, ValueCodec> codecs(Connections connections, TortoiseConfig config) {
		Map<String, ValueCodec> codecs = new HashMap<>();
		for (String name : connections.names()) {
			codecs.put(name, new ValueCodec(connections.dialect(name), config.useTz(), config.zoneId()));
		}
		return codecs;
	}

	/** The same engine with every statement of the transaction's connection on it. */
	Engine pinnedTo(TransactionScope scope) {
		return new Engine(this.apps, this.connections, this.config, this.executor, this.mappers, this.statements,
				this.codecs, scope, this.signals);
	}

	/** The context's signal listeners, shared by every engine pinned to a transaction. */
	dev.tortoise.signals.Signals signals() {
		return this.signals;
	}

	Reads reads() {
		return this.reads;
	}

	BulkWrites bulkWrites() {
		return this.bulkWrites;
	}

	Apps apps() {
		return this.apps;
	}

	Connections connections() {
		return this.connections;
	}

	Executor executor() {
		return this.executor;
	}

	Statements statements() {
		return this.statements;
	}

	@Nullable BoundConnections boundConnections() {
		return this.config.boundConnections();
	}

	@Nullable TransactionScope pinned() {
		return this.pinned;
	}

	ZoneId zone() {
		return this.config.zoneId();
	}

	int maxRelationDepth() {
		return this.config.maxRelationDepth();
	}

	String route(ModelMeta<?> meta, @Nullable String using, boolean write) {
		return this.routes.route(meta, using, write, (this.pinned != null) ? this.pinned.connectionName() : null);
	}

	Dialect dialect(String connection) {
		return this.connections.dialect(connection);
	}

	ValueCodec codec(String connection) {
		return this.codecs.get(connection);
	}

	/** A written statement with a call's arguments bound, for a connection's codec. */
	Sql bind(String connection, Compiled statement, @Nullable Object... args) {
		return new Sql(statement, codec(connection), args);
	}

	/** The joins of a statement on a model, with the configured limit on the relations a key follows. */
	Joins joins(String connection, ModelMeta<?> meta, String alias) {
		return new Joins(dialect(connection), meta, alias, "_t", maxRelationDepth());
	}

	@SuppressWarnings("unchecked")
	<T> RowMapper<T> mapper(ModelMeta<T> meta, String connection) {
		Map<ModelMeta<?>, RowMapper<?>> byModel = this.mappers.get(connection);
		if (byModel == null) {
			byModel = this.mappers.computeIfAbsent(connection, (k) -> new ConcurrentHashMap<>());
		}
		RowMapper<?> mapper = byModel.get(meta);
		return (RowMapper<T>) ((mapper != null) ? mapper
				: byModel.computeIfAbsent(meta, (m) -> new RowMapper<>(m, codec(connection))));
	}

	<T> Flux<T> run(String connection, Sql sql, BiFunction<Row, RowMetadata, T> mapping) {
		return this.executor.withConnection(connection, this.pinned,
				(Connection c) -> Executor.rows(this.executor.execute(c, connection, sql), mapping));
	}

	/**
	 * Runs a query for what reading each row does, emitting nothing per row: {@code then()}
	 * or {@code count()} would hand every row to the discard hooks, a walk up the
	 * subscriber chain for each.
	 */
	Mono<Void> forEachRow(String connection, Sql sql, Consumer<Row> reading) {
		return run(connection, sql, (row, md) -> {
			reading.accept(row);
			return Boolean.TRUE;
		}).reduce(Boolean.TRUE, (kept, next) -> kept).then();
	}

	Mono<Long> runUpdate(String connection, Sql sql) {
		return this.executor.withConnection(connection, this.pinned,
				(Connection c) -> Executor.updates(this.executor.execute(c, connection, sql)))
			.reduce(0L, Long::sum);
	}

	/** Work on one connection for all its statements (a query and its prefetches). */
	<T> Flux<T> onOneConnection(String connection, Flux<T> work) {
		return this.executor.onOneConnection(connection, this.pinned, work);
	}

	/** A query over every row of a model. */
	<T> QuerySet<T> objects(ModelMeta<T> meta) {
		return new QuerySet<>(this, meta);
	}

}

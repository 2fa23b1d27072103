package dev.tortoise;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import dev.tortoise.config.ConnectionConfig;
import dev.tortoise.config.TortoiseConfig;
import dev.tortoise.connection.Connections;
import dev.tortoise.exceptions.ConfigurationException;
import dev.tortoise.exceptions.OperationalException;
import dev.tortoise.exceptions.ParamsException;
import dev.tortoise.exceptions.TransactionManagementException;
import dev.tortoise.models.Apps;
import dev.tortoise.models.ModelMeta;
import dev.tortoise.query.ManyToManyManager;
import dev.tortoise.query.QueryEngine;
import dev.tortoise.query.QuerySet;
import dev.tortoise.schema.Dialect;
import dev.tortoise.schema.SchemaGenerator;
import dev.tortoise.transactions.BoundConnections;
import dev.tortoise.transactions.TransactionScope;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.R2dbcException;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What {@link Tortoise#init} sets up: the linked models of every app, one pool per
 * connection, and schema generation. Closing it closes every pool; it is idempotent.
 */
public final class TortoiseContext implements AutoCloseable {

	private static final Logger dbLogger = LoggerFactory.getLogger("dev.tortoise.db");

	private static final Logger logger = LoggerFactory.getLogger(TortoiseContext.class);

	private final TortoiseConfig config;

	private final Apps apps;

	private final Connections connections;

	private final AtomicBoolean closed;

	private final QueryEngine engine;

	private final @Nullable TransactionScope transaction;

	TortoiseContext(TortoiseConfig config, Apps apps, Connections connections) {
		this.config = config;
		this.apps = apps;
		this.connections = connections;
		this.closed = new AtomicBoolean();
		this.engine = new QueryEngine(apps, connections, config);
		this.transaction = null;
	}

	private TortoiseContext(TortoiseContext parent, TransactionScope transaction) {
		this.config = parent.config;
		this.apps = parent.apps;
		this.connections = parent.connections;
		this.closed = parent.closed;
		this.engine = parent.engine.pinnedTo(transaction);
		this.transaction = transaction;
	}

	// --- queries ------------------------------------------------------------------

	/** A query over every row of a model (Tortoise's {@code Model.all()} / {@code filter()}). */
	public <T> QuerySet<T> objects(Class<T> model) {
		return this.engine.objects(model);
	}

	/** Inserts the instance; its generated primary key is set when the Mono completes. */
	public <T> Mono<T> create(T instance) {
		return this.engine.create(instance);
	}

	/** Updates the instance's row, or inserts it if it has none yet. */
	public <T> Mono<T> save(T instance) {
		return this.engine.save(instance);
	}

	/**
	 * Writes only the named fields of a saved instance (and its auto-now fields) in one UPDATE,
	 * as Tortoise's {@code save(update_fields=[...])}; no fields means {@link #save(Object)}.
	 */
	public <T> Mono<T> save(T instance, String... updateFields) {
		return this.engine.save(instance, List.of(updateFields));
	}

	/**
	 * Rows of hand-written SQL as instances of a model, as Tortoise's {@code Model.raw}: write
	 * {@code ?} for each value (bound, never pasted, in the dialect's own placeholders); each
	 * column sets the field it is the column of, and any other column is an annotation of the
	 * instance. Runs on the model's read connection, in the current transaction if any.
	 */
	public <T> Flux<T> raw(Class<T> model, String sql, Object... args) {
		return this.engine.raw(model, sql, args);
	}

	/**
	 * Rows of hand-written SQL on a connection as maps of column name to the value the
	 * driver read, as Tortoise's {@code connection.execute_query}; {@code ?} placeholders.
	 * A statement that returns no rows (an UPDATE) gives none.
	 */
	public Flux<Map<String, Object>> executeQuery(String connectionName, String sql, Object... args) {
		return this.engine.executeQuery(connectionName, sql, args);
	}

	/**
	 * The value of an annotation ({@code QuerySet.annotate}) of an instance a query read;
	 * a model field of the annotation's name holds it too.
	 * @throws dev.tortoise.exceptions.FieldException if the instance was not read with that annotation
	 */
	public @Nullable Object annotation(Object instance, String name) {
		return dev.tortoise.query.QueryEngine.annotation(instance, name);
	}

	/**
	 * The context's signal listeners, Tortoise's {@code pre_save}, {@code post_save},
	 * {@code pre_delete} and {@code post_delete}: {@code ctx.signals().on(ModelSignal.POST_SAVE,
	 * Event.class, (e) -> ...)}. Called around create, save and delete of an instance (not
	 * around bulk writes or a QuerySet's update and delete, as in Tortoise), in the write's
	 * transaction; a PRE_ listener's error vetoes the write.
	 */
	public dev.tortoise.signals.Signals signals() {
		return this.engine.signals();
	}

	/** Reads the instance's row again and sets its fields from it ({@code refresh_from_db}). */
	public <T> Mono<T> refresh(T instance) {
		return this.engine.refresh(instance);
	}

	/** Deletes the instance's row. */
	public Mono<Void> delete(Object instance) {
		return this.engine.delete(instance);
	}

	/**
	 * Inserts the instances with multi-row INSERTs (in one transaction when they take several
	 * statements); generated keys are set on every instance.
	 */
	public <T> Mono<List<T>> bulkCreate(List<T> instances) {
		return this.engine.bulkCreate(instances);
	}

	/**
	 * {@link #bulkCreate(List)} as the options say, as Tortoise's {@code bulk_create(batch_size,
	 * ignore_conflicts, update_fields, on_conflict)}: rows per INSERT, conflicting rows skipped
	 * or their named fields updated ({@code ON CONFLICT}, {@code ON DUPLICATE KEY}, H2's MERGE).
	 */
	public <T> Mono<List<T>> bulkCreate(List<T> instances, dev.tortoise.query.BulkOptions options) {
		return this.engine.bulkCreate(instances, options);
	}

	/**
	 * Writes the named fields of saved instances, as Tortoise's {@code bulk_update}: one UPDATE
	 * per batch with a CASE on the primary key; the number of rows changed.
	 */
	public <T> Mono<Long> bulkUpdate(List<T> instances, String... fields) {
		return this.engine.bulkUpdate(instances, List.of(fields));
	}

	/**
	 * Loads relations into instances of one model already read (Tortoise's
	 * {@code fetch_for_list}): one query per relation for all of them, never one per instance.
	 */
	public <T> Mono<List<T>> fetchRelated(List<T> instances, String... relations) {
		return this.engine.fetchRelated(instances, relations);
	}

	/** Loads relations into one instance, with one query per relation. */
	public <T> Mono<T> fetchRelated(T instance, String... relations) {
		return this.engine.fetchRelated(instance, relations);
	}

	/** The rows related to an instance through one of its relations, as a query. */
	@SuppressWarnings("unchecked")
	public <R> QuerySet<R> related(Object instance, String relation) {
		return (QuerySet<R>) this.engine.related(instance, relation);
	}

	/** Adds, removes and lists the rows related through a many-to-many relation of an instance. */
	public <R> ManyToManyManager<R> m2m(Object instance, String relation) {
		return this.engine.m2m(instance, relation);
	}

	/** Statements sent to the databases since init (for tests and metrics). */
	public long statementCount() {
		return this.engine.statementCount();
	}

	// --- transactions -------------------------------------------------------------

	/**
	 * Runs work in a transaction on the named connection. The context passed to the work has
	 * the same API with every query of that connection bound to the transaction's connection.
	 * Commits when the work completes; rolls back on error and on cancel. Nested calls on the
	 * same connection are savepoints.
	 */
	public <T> Flux<T> inTransaction(String connectionName, Function<TortoiseContext, ? extends Publisher<T>> work) {
		return Flux.defer(() -> {
			ConnectionFactory pool = this.connections.get(connectionName);
			BoundConnections bound = this.config.boundConnections();
			if (this.transaction != null && this.transaction.connectionName().equals(connectionName)) {
				return TransactionScope.run(connectionName, pool, bound, (scope) -> work.apply(this));
			}
			return TransactionScope.run(connectionName, pool, bound, (scope) -> work.apply(new TortoiseContext(this, scope)));
		});
	}

	/**
	 * Runs work in a transaction on the only connection.
	 * @throws ParamsException if several connections are configured
	 */
	public <T> Flux<T> inTransaction(Function<TortoiseContext, ? extends Publisher<T>> work) {
		if (this.connections.names().size() != 1) {
			throw new ParamsException("You are running with multiple databases, so you should specify the connection"
					+ " name: inTransaction(name, ...). Connections: " + String.join(", ", this.connections.names()) + ".");
		}
		return inTransaction(this.connections.names().iterator().next(), work);
	}

	/** The transaction this context is bound to, or null for the root context. */
	public @Nullable TransactionScope transaction() {
		return this.transaction;
	}

	/** The configuration this context was built from. */
	public TortoiseConfig config() {
		return this.config;
	}

	/** The registry of apps and their linked models. */
	public Apps apps() {
		return this.apps;
	}

	/** The metadata of a model class. */
	public <T> ModelMeta<T> meta(Class<T> modelClass) {
		return this.apps.meta(modelClass);
	}

	/** The pooled connections by name. */
	public Connections connections() {
		return this.connections;
	}

	/** Tortoise's {@code describe_models()}: {@code "app.Model"} → description, JSON-serialisable. */
	public Map<String, Object> describeModels() {
		return this.apps.describe();
	}

	/** The connections with masked credentials, for logs and actuator output. */
	public Map<String, Object> describeConnections() {
		Map<String, Object> out = new LinkedHashMap<>();
		for (String name : this.connections.names()) {
			ConnectionConfig c = this.connections.config(name);
			Map<String, Object> d = new LinkedHashMap<>();
			d.put("engine", c.engine());
			d.put("credentials", c.maskedCredentials());
			d.put("apps", this.config.apps().entrySet().stream()
				.filter((e) -> e.getValue().defaultConnection().equals(name)).map(Map.Entry::getKey).toList());
			out.put(name, d);
		}
		return out;
	}

	/** Creates every missing table, index and constraint: {@code generateSchemas(true)}. */
	public Mono<Void> generateSchemas() {
		return generateSchemas(true);
	}

	/**
	 * Creates the schema of every connection that has models. With {@code safe}, only what
	 * is missing is created and running it again changes nothing; without it, an existing
	 * table fails with the database's error. On PostgreSQL the whole schema of a connection
	 * is one transaction, so a failure leaves nothing half-created.
	 */
	public Mono<Void> generateSchemas(boolean safe) {
		return Mono.defer(() -> {
			List<Mono<Void>> steps = new ArrayList<>();
			for (String name : this.connections.names()) {
				List<ModelMeta<?>> models = modelsOn(name);
				if (!models.isEmpty()) {
					SchemaGenerator generator = generator(name);
					// Written before connecting (an impossible schema is refused without a connection),
					// and again only where the database already holds some of it.
					List<String> whole = generator.statements(models, safe);
					steps.add(execute(name, safe,
							(existing) -> existing.isEmpty() ? whole : generator.statements(models, safe, existing)));
				}
			}
			return Flux.concat(steps).then();
		});
	}

	/**
	 * The schema of one connection as a script (Tortoise's {@code get_schema_sql}).
	 * @throws ConfigurationException if there is no connection of that name
	 */
	public String schemaSql(String connectionName, boolean safe) {
		return generator(connectionName).sql(modelsOn(connectionName), safe);
	}

	/**
	 * The schema of one connection as separate statements in the order they run, as
	 * {@code generateSchemas(false)} sends them.
	 * @throws ConfigurationException if there is no connection of that name
	 */
	public List<String> schemaStatements(String connectionName) {
		return generator(connectionName).statements(modelsOn(connectionName), false);
	}

	/**
	 * The difference between the models on a connection and its live catalog, as DDL for its
	 * database: tables and columns missing or renamed, columns whose type or nullability
	 * changed, indexes and unique constraints added or gone, columns the models no longer have
	 * (destructive). An up-to-date database gives an empty diff. Reads the catalog, and the
	 * rows of tables that a change needs empty or without NULLs; changes nothing.
	 */
	public Mono<dev.tortoise.schema.SchemaDiff> schemaDiff(String connectionName) {
		return Mono.defer(() -> {
			List<ModelMeta<?>> models = modelsOn(connectionName);
			Dialect dialect = this.connections.dialect(connectionName);
			SchemaGenerator generator = generator(connectionName);
			return QueryEngine.onConnection(this.connections.get(connectionName).create(),
					(Connection connection) -> {
						Mono<List<dev.tortoise.schema.Catalog.Column>> columns = rows(connection, dialect.columnsQuery(),
								(row) -> new dev.tortoise.schema.Catalog.Column(row.get(0, String.class),
										row.get(1, String.class), "YES".equalsIgnoreCase(row.get(2, String.class)),
										String.valueOf(row.get(3, String.class)), row.get(4, String.class),
										row.get(5, String.class)))
							.collectList();
						Mono<List<dev.tortoise.schema.Catalog.Index>> indexes = rows(connection, dialect.indexesQuery(),
								(row) -> dialect.catalogIndexes(row.get(0, String.class), row.get(1, String.class),
										row.get(2, String.class)))
							.flatMapIterable((list) -> list)
							.collectList();
						String commentsQuery = dialect.tableCommentsQuery();
						Mono<List<dev.tortoise.schema.Catalog.TableComment>> comments = (commentsQuery == null)
								? Mono.just(List.of())
								: rows(connection, commentsQuery, (row) -> new dev.tortoise.schema.Catalog.TableComment(
										row.get(0, String.class), row.get(1, String.class))).collectList();
						Mono<List<dev.tortoise.schema.Catalog.ForeignKey>> keys = rows(connection, dialect.foreignKeysQuery(),
								(row) -> new dev.tortoise.schema.Catalog.ForeignKey(row.get(0, String.class),
										row.get(1, String.class), row.get(2, String.class), row.get(3, String.class)))
							.collectList();
						Mono<List<dev.tortoise.schema.Catalog.KeyColumn>> primaryKeys = rows(connection,
								dialect.primaryKeysQuery(), (row) -> new dev.tortoise.schema.Catalog.KeyColumn(
										row.get(0, String.class), row.get(1, String.class)))
							.collectList();
						Mono<List<dev.tortoise.schema.Catalog.UniqueColumn>> unique = rows(connection,
								dialect.uniqueColumnsQuery(), (row) -> new dev.tortoise.schema.Catalog.UniqueColumn(
										row.get(0, String.class), row.get(1, String.class), row.get(2, String.class),
										"constraint".equals(row.get(3, String.class))))
							.collectList();
						return Mono.zip(columns, indexes, comments, keys, primaryKeys, unique)
							.map((catalog) -> generator.diff(models,
									new dev.tortoise.schema.Catalog(catalog.getT1(), catalog.getT2(), catalog.getT3(),
											catalog.getT4(), catalog.getT5(), catalog.getT6())))
							.flatMap((diff) -> Flux.fromIterable(diff.rowChecks())
								.concatMap((check) -> rows(connection,
										dev.tortoise.schema.SchemaDiff.checkQuery(dialect, check), (row) -> check).take(1))
								.collectList()
								.map(diff::withFailedChecks));
					})
				.single()
				.onErrorMap((ex) -> !(ex instanceof dev.tortoise.exceptions.TortoiseException),
						(ex) -> new OperationalException("Could not read the catalog of connection \"" + connectionName
								+ "\": " + ex.getMessage(), ex));
		});
	}

	private static <T> Flux<T> rows(Connection connection, String sql,
			java.util.function.Function<io.r2dbc.spi.Row, T> mapper) {
		return Flux.from(connection.createStatement(sql).execute())
			.concatMap((result) -> result.map((row, rowMeta) -> mapper.apply(row)));
	}

	private SchemaGenerator generator(String connectionName) {
		Dialect dialect = this.connections.dialect(connectionName);
		return new SchemaGenerator(dialect, dialect.homeSchema(this.connections.config(connectionName)));
	}

	private List<ModelMeta<?>> modelsOn(String connectionName) {
		this.connections.config(connectionName); // fails for an unknown name
		return this.apps.all().stream().filter((m) -> connectionName.equals(m.connection())).toList();
	}

	/**
	 * Runs a generation's statements on one connection, after the dialect's lock; in safe mode
	 * where the dialect lists existing tables, the statements are made knowing them.
	 */
	private Mono<Void> execute(String name, boolean safe,
			java.util.function.Function<java.util.Set<String>, List<String>> generate) {
		Dialect dialect = this.connections.dialect(name);
		boolean transactional = dialect.transactionalDdl();
		String lock = transactional ? dialect.schemaGenerationLock() : null;
		String existingTables = safe ? dialect.existingTablesQuery() : null;
		// A cancel (an application stopped while starting) lets the schema's statements run to
		// their end before the connection goes back: never half a transaction in the pool.
		return QueryEngine.onConnection(this.connections.get(name).create(), (Connection connection) -> {
			Flux<Long> locked = (lock == null) ? Flux.empty() : run(name, connection, lock);
			Mono<java.util.Set<String>> existing = (existingTables == null) ? Mono.just(java.util.Set.of())
					: Flux.from(connection.createStatement(existingTables).execute())
						.concatMap((result) -> result.map((row, rowMeta) -> row.get(0, String.class)))
						.collect(java.util.stream.Collectors.toUnmodifiableSet());
			Flux<Long> run = locked.thenMany(existing.flatMapMany((tables) -> Flux.fromIterable(generate.apply(tables))
				.concatMap((sql) -> run(name, connection, sql))));
			if (!transactional) {
				return run.then();
			}
			return Mono.from(connection.beginTransaction())
				.thenMany(run)
				.then(Mono.from(connection.commitTransaction()))
				.onErrorResume((ex) -> Mono.from(connection.rollbackTransaction())
					.onErrorResume((rollbackError) -> Mono.empty())
					.then(Mono.error(ex)));
		})
			.then()
			// The server refused or could not be reached before any statement: name the connection.
			.onErrorMap((ex) -> !(ex instanceof dev.tortoise.exceptions.TortoiseException),
					(ex) -> new OperationalException("Could not create the schema on connection \"" + name
							+ "\": its database could not be used: " + ex.getMessage(), ex));
	}

	private static Flux<Long> run(String name, Connection connection, String sql) {
		String statement = sql.endsWith(";") ? sql.substring(0, sql.length() - 1) : sql;
		if (dbLogger.isDebugEnabled()) {
			dbLogger.debug("[{}] {}", name, statement);
		}
		return QueryEngine.rowsUpdated(Flux.from(connection.createStatement(statement).execute()))
			.onErrorMap(R2dbcException.class, (ex) -> new OperationalException("Could not create the schema on"
					+ " connection \"" + name + "\": " + ex.getMessage() + ". Statement: "
					+ statement.lines().findFirst().orElse(statement), ex));
	}

	/** Disposes every pool; completes when all connections are closed. Idempotent. */
	public Mono<Void> closeConnections() {
		if (this.transaction != null) {
			return Mono.error(new TransactionManagementException("Close the root context, not the one a transaction"
					+ " passed to its work."));
		}
		if (!this.closed.compareAndSet(false, true)) {
			return this.connections.close();
		}
		return this.connections.close()
			.doOnSuccess((v) -> logger.info("Tortoise closed its connections {}: every pool disposed",
					this.connections.names()));
	}

	/** Whether the connections have been closed. */
	public boolean isClosed() {
		return this.closed.get();
	}

	/** Closes every pool and waits for it. Idempotent. */
	@Override
	public void close() {
		closeConnections().block();
	}

	@Override
	public String toString() {
		return "TortoiseContext[apps=" + this.apps.labels() + ", connections=" + this.connections.names()
				+ (isClosed() ? ", closed" : "") + "]";
	}

}

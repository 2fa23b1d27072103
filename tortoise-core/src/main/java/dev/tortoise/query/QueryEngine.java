package dev.tortoise.query;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import dev.tortoise.config.TortoiseConfig;
import dev.tortoise.connection.Connections;
import dev.tortoise.exceptions.FieldException;
import dev.tortoise.models.Apps;
import dev.tortoise.models.FieldKind;
import dev.tortoise.models.FieldMeta;
import dev.tortoise.models.ModelMeta;
import dev.tortoise.routing.Router;
import dev.tortoise.schema.Dialect;
import dev.tortoise.transactions.BoundConnections;
import dev.tortoise.transactions.TransactionScope;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Row;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs queries and writes for a {@code TortoiseContext}: routes each to a connection,
 * writes the SQL for its dialect, and maps rows with cached per-model mappers. Internal:
 * use it through {@code TortoiseContext} and {@link QuerySet}.
 */
public final class QueryEngine {

	private final Apps apps;

	private final Connections connections;

	private final TortoiseConfig config;

	private final Executor executor;

	private final Map<String, ValueCodec> codecs;

	private final Map<String, Map<ModelMeta<?>, RowMapper<?>>> mappers;

	private final @Nullable TransactionScope pinned;

	private final java.util.concurrent.atomic.LongAdder statements;

	private final Map<Object, String> statementTexts;

	private final Map<ReadKey, Plan> plans;

	/** The single-row INSERTs of each model, by connection. */
	private final Map<String, Map<ModelMeta<?>, Persister.Inserts>> inserts;

	private final Persister persister = new Persister(this);

	public QueryEngine(Apps apps, Connections connections, TortoiseConfig config) {
		this(apps, connections, config, new ConcurrentHashMap<>(), new ConcurrentHashMap<>(), new ConcurrentHashMap<>(),
				new ConcurrentHashMap<>(), new java.util.concurrent.atomic.LongAdder(), null);
	}

	private QueryEngine(Apps apps, Connections connections, TortoiseConfig config,
			Map<String, Map<ModelMeta<?>, RowMapper<?>>> mappers, Map<Object, String> statementTexts,
			Map<ReadKey, Plan> plans, Map<String, Map<ModelMeta<?>, Persister.Inserts>> inserts,
			java.util.concurrent.atomic.LongAdder statements, @Nullable TransactionScope pinned) {
		this.apps = apps;
		this.inserts = inserts;
		this.connections = connections;
		this.config = config;
		this.statements = statements;
		this.statementTexts = statementTexts;
		this.plans = plans;
		this.executor = new Executor(connections, statements, config.boundConnections());
		this.mappers = mappers;
		this.pinned = pinned;
		ZoneId zone = config.zoneId();
		Map<String, ValueCodec> codecs = new HashMap<>();
		for (String name : connections.names()) {
			codecs.put(name, new ValueCodec(connections.dialect(name).name(), config.useTz(), zone));
		}
		this.codecs = codecs;
	}

	/** The same engine with every query of the transaction's connection pinned to it. */
	public QueryEngine pinnedTo(TransactionScope scope) {
		return new QueryEngine(this.apps, this.connections, this.config, this.mappers, this.statementTexts, this.plans,
				this.inserts, this.statements, scope);
	}

	/** A query over every row of a model. */
	public <T> QuerySet<T> objects(Class<T> model) {
		return new QuerySet<>(this, this.apps.meta(model));
	}

	/** A query over every row of a model. */
	public <T> QuerySet<T> objects(ModelMeta<T> meta) {
		return new QuerySet<>(this, meta);
	}

	Connections connections() {
		return this.connections;
	}

	Apps apps() {
		return this.apps;
	}

	/** Statement texts computed once and reused, by what they depend on. */
	Map<Object, String> statements() {
		return this.statementTexts;
	}

	Executor executor() {
		return this.executor;
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

	// --- routing ------------------------------------------------------------------

	String route(ModelMeta<?> meta, @Nullable String using, boolean write) {
		if (using != null) {
			return using;
		}
		if (this.pinned != null && this.pinned.connectionName().equals(meta.connection())) {
			return this.pinned.connectionName();
		}
		for (Router router : this.config.routers()) {
			String name = write ? router.dbForWrite(meta.modelClass()) : router.dbForRead(meta.modelClass());
			if (name != null) {
				this.connections.config(name); // an unknown name fails here, naming the connections
				return name;
			}
		}
		return meta.connection();
	}

	Dialect dialect(String connection) {
		return this.connections.dialect(connection);
	}

	ValueCodec codec(String connection) {
		return this.codecs.get(connection);
	}

	Sql sql(String connection) {
		return new Sql(dialect(connection), codec(connection));
	}

	@SuppressWarnings("unchecked")
	<T> RowMapper<T> mapper(ModelMeta<T> meta, String connection) {
		return (RowMapper<T>) perModel(this.mappers, meta, connection, (m) -> new RowMapper<>(meta, codec(connection)));
	}

	/** The single-row INSERTs of a model on a connection, written once. */
	Persister.Inserts inserts(ModelMeta<?> meta, String connection) {
		return perModel(this.inserts, meta, connection, (m) -> Persister.Inserts.of(m, () -> sql(connection)));
	}

	/** What is computed once per model and connection, from a cache of them. */
	private static <V> V perModel(Map<String, Map<ModelMeta<?>, V>> cache, ModelMeta<?> meta, String connection,
			java.util.function.Function<ModelMeta<?>, V> compute) {
		Map<ModelMeta<?>, V> byModel = cache.get(connection);
		if (byModel == null) {
			byModel = cache.computeIfAbsent(connection, (k) -> new ConcurrentHashMap<>());
		}
		V value = byModel.get(meta);
		return (value != null) ? value : byModel.computeIfAbsent(meta, compute);
	}

	<T> Flux<T> run(String connection, Sql sql, java.util.function.BiFunction<Row, io.r2dbc.spi.RowMetadata, T> mapping) {
		return this.executor.withConnection(connection, this.pinned,
				(Connection c) -> Executor.rows(this.executor.execute(c, connection, sql), mapping));
	}

	/**
	 * Runs a query for what reading each row does, emitting nothing per row: {@code then()}
	 * or {@code count()} would hand every row to the discard hooks, a walk up the
	 * subscriber chain for each.
	 */
	Mono<Void> forEachRow(String connection, Sql sql, java.util.function.Consumer<Row> reading) {
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

	// --- reading ------------------------------------------------------------------

	/** A SELECT with its WHERE and joins, for one query set, and the filter values it binds, in order. */
	private record Select(Sql sql, Joins joins, @Nullable String where, List<Filters.Bound> bound) {
	}

	private Select where(QuerySet<?> qs, String connection, String alias) {
		Sql sql = sql(connection);
		Joins joins = joins(sql.dialect(), qs.meta, alias);
		List<Filters.Bound> bound = new ArrayList<>();
		String where = Filters.compile(qs.filters, joins, sql, bound);
		return new Select(sql, joins, where, bound);
	}

	/** The joins of a statement on a model, with the configured limit on the relations a key follows. */
	Joins joins(Dialect dialect, ModelMeta<?> meta, String alias) {
		return new Joins(dialect, meta, alias, "_t", this.config.maxRelationDepth());
	}

	// --- cached statements of reads -------------------------------------------------

	/** Kinds of reads whose statements are cached. */
	private enum Read {
		SELECT, COUNT, EXISTS
	}

	/**
	 * Everything the text of a read depends on, so that queries differing only in their
	 * filter values share one statement: the model, the connection (hence the dialect), the
	 * shape of the filters, the ordering, limit and offset (written into the text), and the
	 * relations selected with joins.
	 */
	private record ReadKey(Read read, ModelMeta<?> meta, String connection, Object filters, List<String> orderBy,
			@Nullable Long limit, @Nullable Long offset, List<String> selectRelated) {

		static @Nullable ReadKey of(Read read, QuerySet<?> qs, String connection) {
			Object filters = qs.filters.isEmpty() ? List.of() : Filters.shape(qs.filters);
			return (filters != null) ? new ReadKey(read, qs.meta, connection, filters, qs.orderBy, qs.limit, qs.offset,
					qs.selectRelated) : null;
		}

	}

	/**
	 * A read compiled once: its text, the filter targets its values are bound by, and for a
	 * SELECT how its rows map.
	 */
	private record Plan(Dialect dialect, String text, List<Filters.Bound> bound, @Nullable SelectMapping mapping) {
	}

	/** How the rows of a SELECT map: the model's mapper, then one per relation selected with a join. */
	private record SelectMapping(RowMapper<?> root, List<String> paths, List<RowMapper<?>> related) {
	}

	/**
	 * Distinct read statements kept per context. Limits and offsets are written into the
	 * text, so paging through many offsets would make many; past this, reads are compiled
	 * every time instead of growing the cache.
	 */
	static final int MAX_PLANS = 2048;

	/** A read's statement for one query, and the plan it was written or bound by. */
	private record Prepared(Sql sql, Plan plan) {
	}

	/**
	 * The statement of a read: the cached one of its shape with this query's filter values
	 * bound, or written by {@code compile} after the WHERE (which returns how a SELECT's rows
	 * map, or null) and cached.
	 */
	private Prepared prepare(Read read, QuerySet<?> qs, String connection,
			java.util.function.BiFunction<QuerySet<?>, Select, @Nullable SelectMapping> compile) {
		ReadKey key = ReadKey.of(read, qs, connection);
		Plan plan = (key != null) ? this.plans.get(key) : null;
		if (plan != null) {
			Sql sql = Sql.written(plan.dialect(), codec(connection), plan.text());
			Filters.bind(qs.filters, plan.bound(), sql);
			return new Prepared(sql, plan);
		}
		Select s = where(qs, connection, "_t0");
		SelectMapping mapping = compile.apply(qs, s);
		plan = new Plan(s.sql().dialect(), s.sql().text(), List.copyOf(s.bound()), mapping);
		if (key != null && !s.sql().isOneOff() && this.plans.size() < MAX_PLANS) {
			this.plans.putIfAbsent(key, plan);
		}
		return new Prepared(s.sql(), plan);
	}

	/** Number of read statements cached, for tests. */
	int cachedReads() {
		return this.plans.size();
	}

	private static String orderBy(QuerySet<?> qs, Joins joins, Dialect d) {
		if (qs.orderBy.isEmpty()) {
			return "";
		}
		List<String> parts = new ArrayList<>();
		for (String key : qs.orderBy) {
			boolean desc = key.startsWith("-");
			String name = desc ? key.substring(1) : key;
			Joins.Target t = joins.resolve(name, false);
			if (!"exact".equals(t.lookup()) || name.endsWith("__exact")) {
				throw new FieldException("orderBy(\"" + key + "\") names a lookup; give a field.");
			}
			parts.add(t.column(d) + (desc ? " DESC" : " ASC"));
		}
		return " ORDER BY " + String.join(", ", parts);
	}

	<T> Flux<T> select(QuerySet<T> qs) {
		return Flux.defer(() -> {
			String connection = route(qs.meta, qs.using, false);
			Prepared read = prepare(Read.SELECT, qs, connection, (q, s) -> compileSelect(q, connection, s));
			SelectMapping mapping = read.plan().mapping();
			@SuppressWarnings("unchecked")
			RowMapper<T> root = (RowMapper<T>) mapping.root();
			List<String> paths = mapping.paths();
			List<RowMapper<?>> related = mapping.related();
			Flux<T> rows = run(connection, read.sql(), (row, md) -> mapRow(qs.meta, root, paths, related, row));
			if (qs.prefetchRelated.isEmpty()) {
				return rows;
			}
			// The rows leave the connection's operators as one list and are spread after it:
			// one signal through them instead of one per row.
			return this.executor.onOneConnection(connection, this.pinned, rows.collectList()
				.flatMap((list) -> new Prefetcher(this, connection).prefetch(qs.meta, list, qs.prefetchRelated)
					.thenReturn(list))
				.flux())
				.flatMapIterable((list) -> list);
		});
	}

	/** Writes a SELECT's text after its WHERE is compiled, returning how its rows map. */
	private SelectMapping compileSelect(QuerySet<?> qs, String connection, Select s) {
		Dialect d = s.sql().dialect();
		RowMapper<?> root = mapper(qs.meta, connection);
		StringBuilder select = new StringBuilder(root.selectList(d, "_t0"));
		List<String> paths = new ArrayList<>();
		List<RowMapper<?>> related = new ArrayList<>();
		for (String path : qs.selectRelated) {
			Joins.Node node = s.joins().joinPath(path);
			RowMapper<?> m = mapper(node.meta(), connection);
			select.append(", ").append(m.selectList(d, node.alias()));
			paths.add(path);
			related.add(m);
		}
		String order = orderBy(qs, s.joins(), d);
		s.sql().append("SELECT ").append(select.toString()).append(" FROM ").append(s.joins().from());
		if (s.where() != null) {
			s.sql().append(" WHERE ").append(s.where());
		}
		s.sql().append(order).append(d.limitOffset(qs.limit, qs.offset));
		return new SelectMapping(root, List.copyOf(paths), List.copyOf(related));
	}

	private static <T> T mapRow(ModelMeta<T> meta, RowMapper<T> root, List<String> paths, List<RowMapper<?>> related,
			Row row) {
		T instance = root.map(row, 0);
		if (paths.isEmpty()) {
			return instance;
		}
		Map<String, Object> byPath = new HashMap<>();
		int offset = root.width();
		for (int i = 0; i < paths.size(); i++) {
			RowMapper<?> m = related.get(i);
			Object value = m.map(row, offset);
			offset += m.width();
			String path = paths.get(i);
			int cut = path.lastIndexOf("__");
			Object parent = (cut < 0) ? instance : byPath.get(path.substring(0, cut));
			ModelMeta<?> parentMeta = (cut < 0) ? meta : related.get(paths.indexOf(path.substring(0, cut))).meta();
			if (parent != null) {
				FieldMeta field = parentMeta.field((cut < 0) ? path : path.substring(cut + 2));
				if (field.hasAccessor()) {
					field.set(parent, value);
				}
			}
			byPath.put(path, value);
		}
		return instance;
	}

	Mono<Long> count(QuerySet<?> qs) {
		return Mono.defer(() -> {
			String connection = route(qs.meta, qs.using, false);
			// single(), not next(): the one row is followed by the statement's end, and waiting for
			// it spares a cancellation (see ReadToEnd).
			return run(connection, prepare(Read.COUNT, qs, connection, QueryEngine::compileCount).sql(),
					(row, md) -> ((Number) row.get(0)).longValue()).single();
		});
	}

	private static @Nullable SelectMapping compileCount(QuerySet<?> qs, Select s) {
		Dialect d = s.sql().dialect();
		String pk = d.quote("_t0") + "." + d.quote(qs.meta.pk().column());
		String body = " FROM " + s.joins().from() + ((s.where() != null) ? " WHERE " + s.where() : "");
		if (qs.limit != null || qs.offset != null) {
			s.sql().append("SELECT COUNT(*) FROM (SELECT " + pk + body + d.limitOffset(qs.limit, qs.offset) + ") "
					+ d.quote("_c"));
		}
		else {
			s.sql().append("SELECT COUNT(*)" + body);
		}
		return null;
	}

	Mono<Boolean> exists(QuerySet<?> qs) {
		return Mono.defer(() -> {
			String connection = route(qs.meta, qs.using, false);
			return run(connection, prepare(Read.EXISTS, qs, connection, QueryEngine::compileExists).sql(),
					(row, md) -> Boolean.TRUE).singleOrEmpty().hasElement();
		});
	}

	private static @Nullable SelectMapping compileExists(QuerySet<?> qs, Select s) {
		s.sql().append("SELECT 1 FROM " + s.joins().from() + ((s.where() != null) ? " WHERE " + s.where() : "")
				+ s.sql().dialect().limitOffset(1L, qs.offset));
		return null;
	}

	Flux<Map<String, Object>> values(QuerySet<?> qs, List<String> fields) {
		return Flux.defer(() -> {
			String connection = route(qs.meta, qs.using, false);
			Select s = where(qs, connection, "_t0");
			Dialect d = s.sql().dialect();
			ValueCodec codec = codec(connection);
			List<String> keys = new ArrayList<>();
			List<Joins.Target> targets = new ArrayList<>();
			if (fields.isEmpty()) {
				for (FieldMeta f : qs.meta.columns()) {
					keys.add((f.kind() == FieldKind.DATA) ? f.name() : f.name() + "_id");
					targets.add(new Joins.Target("_t0", f, "exact"));
				}
			}
			else {
				for (String key : fields) {
					Joins.Target t = s.joins().resolve(key, false);
					if (!"exact".equals(t.lookup())) {
						throw new FieldException("values(\"" + key + "\") names a lookup; give a field.");
					}
					keys.add(key);
					targets.add(t);
				}
			}
			List<String> columns = targets.stream().map((t) -> t.column(d)).toList();
			Class<?>[] classes = targets.stream().map((t) -> codec.dbClass(t.field())).toArray(Class<?>[]::new);
			s.sql().append("SELECT " + String.join(", ", columns) + " FROM " + s.joins().from()
					+ ((s.where() != null) ? " WHERE " + s.where() : "") + orderBy(qs, s.joins(), d)
					+ d.limitOffset(qs.limit, qs.offset));
			return run(connection, s.sql(), (row, md) -> {
				Map<String, Object> out = new LinkedHashMap<>();
				for (int i = 0; i < keys.size(); i++) {
					out.put(keys.get(i), codec.fromDb(targets.get(i).field(), row.get(i, classes[i])));
				}
				return out;
			});
		});
	}

	// --- instances ------------------------------------------------------------------

	/** Inserts the instance and sets its generated primary key. */
	public <T> Mono<T> create(T instance) {
		return this.persister.create(instance);
	}

	/** Inserts the instances with multi-row INSERTs, setting generated keys. */
	public <T> Mono<List<T>> bulkCreate(List<T> instances) {
		return this.persister.bulkCreate(instances);
	}

	/** Updates the instance's row, or inserts it if it has none. */
	public <T> Mono<T> save(T instance) {
		return this.persister.save(instance);
	}

	/** Deletes the instance's row. */
	public Mono<Void> delete(Object instance) {
		return this.persister.delete(instance);
	}

	/** Loads relations into one instance, as prefetchRelated does for a query. */
	public <T> Mono<T> fetchRelated(T instance, String... relations) {
		return Mono.defer(() -> {
			@SuppressWarnings("unchecked")
			ModelMeta<T> meta = (ModelMeta<T>) this.apps.meta(instance.getClass());
			return new Prefetcher(this, route(meta, null, false)).prefetch(meta, List.of(instance), List.of(relations))
				.thenReturn(instance);
		});
	}

	/** The rows related to an instance through one of its relations, as a query. */
	public QuerySet<?> related(Object instance, String relation) {
		ModelMeta<?> meta = this.apps.meta(instance.getClass());
		FieldMeta field = meta.field(relation);
		ModelMeta<?> target = field.related();
		if (target == null) {
			throw new FieldException(meta.name() + "." + relation + " is not a relation.");
		}
		switch (field.kind()) {
			case FK:
			case O2O: {
				Object stub = field.get(instance);
				Object key = (stub != null) ? field.toField().get(stub) : null;
				return objects(target).filter(field.toField().name(), key);
			}
			case BACKWARD_FK:
			case BACKWARD_O2O:
				return objects(target).filter(field.opposite().name(), field.opposite().toField().get(instance));
			default:
				return objects(target).filter(field.opposite().name() + "__" + meta.pk().name(), meta.pk().get(instance));
		}
	}

	/** Adds, removes and lists the rows related through a many-to-many relation of an instance. */
	public <T> ManyToManyManager<T> m2m(Object instance, String relation) {
		return new ManyToManyManager<>(this, instance, this.apps.meta(instance.getClass()).field(relation));
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

	/** Statements sent since init, for tests and metrics. */
	public long statementCount() {
		return this.executor.count();
	}

	// --- bulk writes ----------------------------------------------------------------

	Mono<Long> update(QuerySet<?> qs, Map<String, ?> values) {
		return Mono.defer(() -> {
			if (values.isEmpty()) {
				return Mono.just(0L);
			}
			String connection = route(qs.meta, qs.using, true);
			Map<FieldMeta, Object> assignments = Persister.assignments(qs.meta, values, zone());
			Sql sql = sql(connection);
			String set = Persister.setClause(sql, assignments);
			String where = bulkWhere(qs, connection, sql);
			sql.append("UPDATE " + sql.dialect().quote(qs.meta.table()) + " SET " + set
					+ ((where != null) ? " WHERE " + where : ""));
			return runUpdate(connection, sql);
		});
	}

	Mono<Long> delete(QuerySet<?> qs) {
		return Mono.defer(() -> {
			String connection = route(qs.meta, qs.using, true);
			Sql sql = sql(connection);
			String where = bulkWhere(qs, connection, sql);
			sql.append("DELETE FROM " + sql.dialect().quote(qs.meta.table()) + ((where != null) ? " WHERE " + where : ""));
			return runUpdate(connection, sql);
		});
	}

	/**
	 * The WHERE of an UPDATE or DELETE. Filters that need joins, limits or offsets select the
	 * primary keys in a derived table, which MySQL accepts on the table being changed.
	 */
	private @Nullable String bulkWhere(QuerySet<?> qs, String connection, Sql sql) {
		Dialect d = sql.dialect();
		Joins probe = joins(d, qs.meta, qs.meta.table());
		Sql scratch = sql(connection);
		Filters.compile(qs.filters, probe, scratch);
		if (probe.isEmpty() && qs.limit == null && qs.offset == null) {
			return Filters.compile(qs.filters, joins(d, qs.meta, qs.meta.table()), sql);
		}
		Joins inner = joins(d, qs.meta, "_f0");
		String innerWhere = Filters.compile(qs.filters, inner, sql);
		String pk = d.quote(qs.meta.pk().column());
		return d.quote(qs.meta.table()) + "." + pk + " IN (SELECT " + d.quote("_s") + "." + pk + " FROM (SELECT "
				+ d.quote("_f0") + "." + pk + " FROM " + inner.from() + ((innerWhere != null) ? " WHERE " + innerWhere : "")
				+ orderBy(qs, inner, d) + d.limitOffset(qs.limit, qs.offset) + ") " + d.quote("_s") + ")";
	}

}

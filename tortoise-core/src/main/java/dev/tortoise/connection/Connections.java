package dev.tortoise.connection;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.tortoise.config.ConnectionConfig;
import dev.tortoise.config.PoolSettings;
import dev.tortoise.exceptions.ConfigurationException;
import dev.tortoise.schema.Dialect;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * One r2dbc-pool per configured connection. Pools open connections lazily, on first use,
 * as Tortoise does; {@link #close()} disposes every pool, whatever state it is in.
 */
public final class Connections {

	private static final Logger logger = LoggerFactory.getLogger(Connections.class);

	private final Map<String, Entry> entries;

	private final AtomicBoolean closed = new AtomicBoolean();

	private final Mono<Void> closing;

	private Connections(Map<String, Entry> entries) {
		this.entries = Collections.unmodifiableMap(entries);
		this.closing = Flux.fromIterable(this.entries.values()).concatMap(Entry::dispose).then().cache();
	}

	/**
	 * Creates a pool per connection without opening any. Every connection is checked first
	 * (engine, driver on the class path, options), so a mistake creates no pool at all.
	 * @throws ConfigurationException naming the connection at fault
	 */
	public static Connections create(Map<String, ConnectionConfig> configs) {
		Map<String, ConnectionFactoryOptions> options = new LinkedHashMap<>();
		Map<String, ConnectionFactory> factories = new LinkedHashMap<>();
		Map<String, Dialect> dialects = new LinkedHashMap<>();
		for (Map.Entry<String, ConnectionConfig> e : configs.entrySet()) {
			String name = e.getKey();
			ConnectionFactoryOptions o = R2dbcOptions.of(name, e.getValue());
			String driver = o.getRequiredValue(ConnectionFactoryOptions.DRIVER).toString();
			// An engine's own dialect, else (a plain r2dbc: URL) the one that speaks the driver's database.
			Dialect dialect = ConnectionConfig.R2DBC.equals(e.getValue().engine()) ? Dialect.forDriver(driver)
					: Dialect.forEngine(e.getValue().engine());
			if (dialect == null) {
				throw new ConfigurationException("Connection \"" + name + "\" uses R2DBC driver \"" + driver
						+ "\", for which Tortoise has no SQL dialect. Use one of: " + String.join(", ", Dialect.all()
							.stream().flatMap((d) -> d.drivers().stream()).sorted().toList()) + ".");
			}
			ConnectionFactory factory;
			try {
				factory = ConnectionFactories.find(o);
			}
			catch (RuntimeException ex) {
				throw new ConfigurationException("Connection \"" + name + "\" has invalid options for driver \""
						+ driver + "\": " + ex.getMessage(), ex);
			}
			if (factory == null) {
				throw new ConfigurationException("Connection \"" + name + "\" needs the R2DBC driver \"" + driver
						+ "\", which is not on the class path. Add " + Dialect.artifactOf(driver) + " to your dependencies.");
			}
			options.put(name, o);
			factories.put(name, factory);
			dialects.put(name, dialect);
		}
		Map<String, Entry> entries = new LinkedHashMap<>();
		for (String name : configs.keySet()) {
			PoolSettings settings = configs.get(name).pool();
			Dialect dialect = dialects.get(name);
			// An embedded engine works on threads of its own: one per pooled connection, and one to cancel with.
			Scheduler scheduler = dialect.blocking()
					? Schedulers.newBoundedElastic(settings.maxSize() + 2, Integer.MAX_VALUE, "tortoise-" + name, 60, true)
					: null;
			Sessions sessions = new Sessions(name, factories.get(name), dialect, settings.statementTimeout(), scheduler);
			ConnectionPool pool = new ConnectionPool(poolConfiguration(name, sessions, settings));
			ConnectionFactory pooled = (settings.maxAcquireTime() != null)
					? new TimedPool(name, pool, settings.maxAcquireTime(), Schedulers.parallel(), server(configs.get(name)))
					: pool;
			entries.put(name, new Entry(name, configs.get(name), dialect, pool, pooled, sessions, scheduler,
					dialect.isMemoryDatabase(options.get(name)), options.get(name)));
		}
		return new Connections(entries);
	}

	/** The server of a connection as errors name it: host and port, or the embedded database's file. */
	private static String server(ConnectionConfig config) {
		String host = config.credential("host");
		if (host != null) {
			Object port = config.credentials().get("port");
			return "the server at " + host + ((port != null) ? ":" + port : "");
		}
		String file = config.credential("file_path");
		return (file != null) ? "the database " + file : "the database server";
	}

	private static ConnectionPoolConfiguration poolConfiguration(String name, ConnectionFactory factory,
			PoolSettings pool) {
		ConnectionPoolConfiguration.Builder b = ConnectionPoolConfiguration.builder(factory)
			.name("tortoise-" + name)
			.initialSize(pool.initialSize())
			.maxSize(pool.maxSize());
		if (pool.maxIdleTime() != null) {
			b.maxIdleTime(pool.maxIdleTime());
		}
		if (pool.maxLifeTime() != null) {
			b.maxLifeTime(pool.maxLifeTime());
		}
		// The acquire time-out is TimedPool's, armed only when a connection is not at hand.
		if (pool.maxCreateConnectionTime() != null) {
			b.maxCreateConnectionTime(pool.maxCreateConnectionTime());
		}
		if (pool.validationQuery() != null && !pool.validationQuery().isBlank()) {
			b.validationQuery(pool.validationQuery());
		}
		return b.build();
	}

	/** Connection names in configuration order. */
	public Set<String> names() {
		return this.entries.keySet();
	}

	/**
	 * The pooled connection factory of a connection, with its acquire time-out. Every
	 * statement of Tortoise's, and every outside transaction manager that should share
	 * Tortoise's connections, takes them from this one factory.
	 * @throws ConfigurationException if there is no connection of that name
	 */
	public ConnectionFactory get(String name) {
		return entry(name).pooled;
	}

	/** The pool of a connection, for its metrics. */
	public ConnectionPool pool(String name) {
		return entry(name).pool;
	}

	/** The configuration of a connection. */
	public ConnectionConfig config(String name) {
		return entry(name).config;
	}

	/**
	 * The same database as a JDBC data source, for tools that speak only JDBC (Flyway): the
	 * URL its dialect derives from the connection's R2DBC options (an in-memory H2 database's
	 * own name included), with the user and password.
	 * @throws ConfigurationException if the connection's database has no JDBC form (an
	 * in-memory SQLite database lives in its connections alone)
	 */
	public JdbcTarget jdbc(String name) {
		Entry e = entry(name);
		String url = e.dialect.jdbcUrl(e.options);
		if (url == null) {
			throw new ConfigurationException("Connection \"" + name + "\" has no JDBC form that reaches the same"
					+ " database (an in-memory " + e.dialect.name() + " database lives in its own connections). Give it a"
					+ " database file or a server.");
		}
		Object user = e.options.getValue(ConnectionFactoryOptions.USER);
		Object password = e.options.getValue(ConnectionFactoryOptions.PASSWORD);
		return new JdbcTarget(name, url, (user != null) ? user.toString() : null,
				(password != null) ? password.toString() : null);
	}

	/** The SQL dialect of a connection. */
	public Dialect dialect(String name) {
		return entry(name).dialect;
	}

	/**
	 * Stops on the server the statement that a connection of this name is running, if any:
	 * PostgreSQL's cancel request, MariaDB's {@code KILL QUERY}, H2's {@code CANCEL_SESSION}
	 * from another session. The statement then ends with an error. Completes once the server
	 * has been told; never fails.
	 * @param connection a connection of that name's pool, as {@link #get} hands them out
	 */
	public Mono<Void> cancel(String name, Connection connection) {
		return entry(name).sessions.cancel(connection);
	}

	/**
	 * Readies a connection whose statement {@link #cancel} stopped for its next user, once
	 * that statement has ended; never fails.
	 */
	public Mono<Void> settleAfterCancel(String name, Connection connection) {
		return entry(name).dialect.afterCancel(connection).onErrorResume((ex) -> Mono.empty());
	}

	/** Whether {@link #close()} has been called. */
	public boolean isClosed() {
		return this.closed.get();
	}

	private Entry entry(String name) {
		Entry e = this.entries.get(name);
		if (e == null) {
			throw new ConfigurationException("Unknown connection \"" + name + "\". Configured connections: "
					+ String.join(", ", this.entries.keySet()) + ".");
		}
		return e;
	}

	/**
	 * Disposes every pool, closing its connections, drops in-memory H2 databases and closes
	 * driver factories that hold resources (SQLite's in-memory databases).
	 * Idempotent: later calls return the same completion.
	 */
	public Mono<Void> close() {
		this.closed.set(true);
		return this.closing;
	}

	private static final class Entry {

		final String name;

		final ConnectionConfig config;

		final Dialect dialect;

		final ConnectionPool pool;

		final ConnectionFactory pooled;

		final Sessions sessions;

		final @Nullable Scheduler scheduler;

		final boolean h2Memory;

		final ConnectionFactoryOptions options;

		Entry(String name, ConnectionConfig config, Dialect dialect, ConnectionPool pool, ConnectionFactory pooled,
				Sessions sessions, @Nullable Scheduler scheduler, boolean h2Memory, ConnectionFactoryOptions options) {
			this.options = options;
			this.name = name;
			this.config = config;
			this.dialect = dialect;
			this.pool = pool;
			this.pooled = pooled;
			this.sessions = sessions;
			this.scheduler = scheduler;
			this.h2Memory = h2Memory;
		}

		Mono<Void> dispose() {
			Mono<Void> dispose = this.pool.disposeLater()
				.doOnSuccess((v) -> logger.debug("Closed pool of connection \"{}\"", this.name))
				.onErrorResume((ex) -> {
					logger.warn("Closing pool of connection \"{}\" failed: {}", this.name, ex.toString());
					return Mono.empty();
				});
			if (this.h2Memory) {
				// The in-memory database outlives its connections (DB_CLOSE_DELAY=-1) until SHUTDOWN.
				dispose = dispose.then(Mono.usingWhen(this.sessions.create(),
						(c) -> Flux.from(c.createStatement("SHUTDOWN").execute()).flatMap((r) -> r.getRowsUpdated()).then(),
						Connection::close)
					.onErrorResume((ex) -> Mono.empty()));
			}
			if (this.sessions.unwrap() instanceof io.r2dbc.spi.Closeable closeable) {
				// A driver factory that owns resources of its own (SQLite's shared in-memory database).
				dispose = dispose.then(Mono.from(closeable.close()).onErrorResume((ex) -> {
					logger.warn("Closing the driver of connection \"{}\" failed: {}", this.name, ex.toString());
					return Mono.empty();
				}));
			}
			Scheduler threads = this.scheduler;
			return (threads != null) ? dispose.doFinally((signal) -> threads.dispose()) : dispose;
		}

	}


}

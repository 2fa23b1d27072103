package dev.tortoise.connection;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

import dev.tortoise.schema.Dialect;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.r2dbc.spi.Wrapped;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The driver's connection factory as a pool sees it: each new session gets the
 * connection's statement time-out and has its server session id noted, so that a
 * statement it runs can later be stopped on the server ({@link #cancel}); an embedded
 * engine's connections do all their work on the connection's scheduler
 * ({@link OffloadedConnection}).
 */
final class Sessions implements ConnectionFactory, Wrapped<ConnectionFactory> {

	private static final Logger logger = LoggerFactory.getLogger(Sessions.class);

	/** How long stopping a statement on the server may take before it is given up. */
	private static final Duration CANCEL_TIMEOUT = Duration.ofSeconds(10);

	private final String name;

	private final ConnectionFactory driver;

	private final Dialect dialect;

	private final @Nullable Duration statementTimeout;

	private final @Nullable Scheduler scheduler;

	/** Stands for "no session id" in {@link #made}. */
	private static final Object NO_ID = new Object();

	/**
	 * Every open connection this factory made, with its server session id where the engine
	 * needs one to cancel ({@link #NO_ID} otherwise). Weak keys: a connection the pool
	 * dropped without closing leaves no entry.
	 */
	private final Map<Connection, Object> made = Collections.synchronizedMap(new WeakHashMap<>());

	/** Cancels on their way, one per connection however many statements asked for it. */
	private final Map<Connection, Mono<Void>> cancelling = new ConcurrentHashMap<>();

	Sessions(String name, ConnectionFactory driver, Dialect dialect, @Nullable Duration statementTimeout,
			@Nullable Scheduler scheduler) {
		this.name = name;
		this.driver = driver;
		this.dialect = dialect;
		this.statementTimeout = statementTimeout;
		this.scheduler = scheduler;
	}

	@Override
	public Mono<Connection> create() {
		Mono<Connection> opened = (this.scheduler != null)
				? Mono.defer(() -> Mono.from(this.driver.create())).subscribeOn(this.scheduler)
					.map((c) -> (Connection) new OffloadedConnection(c, this.scheduler))
				: Mono.from(this.driver.create());
		return opened.flatMap((connection) -> setUp(connection).thenReturn(connection)
			.onErrorResume((ex) -> Mono.from(connection.close()).onErrorResume((closing) -> Mono.empty())
				.then(Mono.error(ex))));
	}

	private Mono<Void> setUp(Connection connection) {
		Mono<Void> limit = (this.statementTimeout != null)
				? this.dialect.limitStatements(connection, this.statementTimeout) : Mono.empty();
		String idQuery = this.dialect.sessionIdQuery();
		if (idQuery == null) {
			return limit.doOnSuccess((v) -> this.made.put(connection, NO_ID));
		}
		return limit.then(Flux.from(connection.createStatement(idQuery).execute())
			.flatMap((result) -> result.map((row, md) -> row.get(0)))
			.next()
			.doOnNext((id) -> this.made.put(connection, id))
			.then());
	}

	/**
	 * Stops on the server the statement a connection of this factory is running, if any.
	 * Completes when the server has been told; never fails (a failed cancel is logged at
	 * DEBUG: the statement then runs to its end, as it would have without one).
	 * @param connection a connection of this factory, or one that wraps it (the pool's)
	 */
	Mono<Void> cancel(Connection connection) {
		Connection own = own(connection);
		if (own == null) {
			return Mono.empty();
		}
		Object id = this.made.get(own);
		return this.cancelling.computeIfAbsent(own, (c) -> this.dialect.cancel(driverConnection(c), (id != NO_ID) ? id : null, this)
			.timeout(CANCEL_TIMEOUT)
			.onErrorResume((ex) -> {
				logger.debug("Could not stop a statement of connection \"{}\" on the server", this.name, ex);
				return Mono.empty();
			})
			.doFinally((signal) -> this.cancelling.remove(c))
			.cache());
	}

	/** The connection this factory made that {@code connection} is or wraps (as the pool's do), or null. */
	private @Nullable Connection own(Connection connection) {
		Object c = connection;
		while (c instanceof Connection candidate) {
			if (this.made.containsKey(candidate)) {
				return candidate;
			}
			c = (candidate instanceof Wrapped<?> wrapped) ? wrapped.unwrap() : null;
		}
		return null;
	}

	/** The driver's own connection inside ours. */
	private static Connection driverConnection(Connection connection) {
		Connection c = connection;
		while (c instanceof Wrapped<?> wrapped && wrapped.unwrap() instanceof Connection inner) {
			c = inner;
		}
		return c;
	}

	@Override
	public ConnectionFactoryMetadata getMetadata() {
		return this.driver.getMetadata();
	}

	@Override
	public ConnectionFactory unwrap() {
		return this.driver;
	}

	@Override
	public String toString() {
		return "Sessions[" + this.name + "]";
	}

}

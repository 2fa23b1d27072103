package dev.tortoise.query;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

import dev.tortoise.connection.Connections;
import dev.tortoise.exceptions.IntegrityException;
import dev.tortoise.exceptions.OperationalException;
import dev.tortoise.exceptions.TortoiseException;
import dev.tortoise.transactions.BoundConnections;
import dev.tortoise.transactions.TransactionScope;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.R2dbcDataIntegrityViolationException;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import io.r2dbc.spi.Statement;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.concurrent.Queues;
import reactor.util.context.ContextView;

/**
 * Runs statements: on the transaction's connection when the Reactor context carries one
 * for the connection name, else on a pooled connection released on completion, error and
 * cancel alike, once the statement has ended ({@link Lease}). Logs every statement and
 * translates driver errors.
 */
final class Executor {

	private static final Logger logger = LoggerFactory.getLogger("dev.tortoise.db");

	/** Reactor-context key of connections borrowed for a sequence of statements, by connection name. */
	private static final String BORROWED = Executor.class.getName() + ".borrowed";

	private final Connections connections;

	private final java.util.concurrent.atomic.LongAdder statements;

	private final @Nullable BoundConnections bound;

	/** How to stop statements on the server, by connection name. */
	private final Map<String, ServerCancel> serverCancels = new HashMap<>();

	Executor(Connections connections, java.util.concurrent.atomic.LongAdder statements, @Nullable BoundConnections bound) {
		this.connections = connections;
		this.statements = statements;
		this.bound = bound;
		for (String name : connections.names()) {
			this.serverCancels.put(name, new ServerCancel(connections, name));
		}
	}

	long count() {
		return this.statements.sum();
	}

	/**
	 * Work on one connection: the pinned transaction's if it is on that connection, else the
	 * transaction in the Reactor context, else one an outside transaction manager has bound,
	 * else one from the named pool.
	 */
	<T> Flux<T> withConnection(String name, @Nullable TransactionScope pinned,
			Function<Connection, ? extends Publisher<T>> work) {
		return Flux.deferContextual((context) -> {
			TransactionScope scope = transaction(context, name, pinned);
			if (scope != null) {
				return inScope(scope, work);
			}
			Connection borrowed = borrowed(context, name);
			if (borrowed != null) {
				return Flux.from(work.apply(borrowed));
			}
			if (this.bound == null) {
				return pooled(name, work);
			}
			return outside(name).flatMapMany((found) -> found.isPresent() ? inScope(found.get(), work) : pooled(name, work));
		}).onErrorMap((ex) -> !(ex instanceof TortoiseException), (ex) -> translate(name, ex));
	}

	/**
	 * Work on a transaction's connection, counted by the transaction while on the wire. Once
	 * the transaction is ending nothing is sent: its connection may already be back in the pool.
	 */
	private <T> Flux<T> inScope(TransactionScope scope, Function<Connection, ? extends Publisher<T>> work) {
		if (scope.isEnding()) {
			return scope.refusal();
		}
		Connection connection = scope.connection();
		Publisher<T> statement;
		try {
			statement = work.apply(connection);
		}
		catch (RuntimeException ex) {
			// The transaction ended between the check and the statement: its connection is closed.
			return scope.isEnding() ? scope.refusal() : Flux.error(ex);
		}
		ServerCancel cancel = serverCancel(scope.connectionName());
		Flux<T> counted = ReadToEnd.countedBy(scope, new ReadToEnd.Stop(cancel, connection), Flux.from(statement));
		Duration deadline = cancel.deadline();
		// Only the first answer is timed; the statement then drains unseen, and the transaction ends after it.
		return (deadline == null) ? counted
				: counted.timeout(Mono.delay(deadline), (row) -> Mono.never(), Flux.error(cancel.noAnswer()));
	}

	private ServerCancel serverCancel(String name) {
		ServerCancel cancel = this.serverCancels.get(name);
		return (cancel != null) ? cancel : new ServerCancel(this.connections, name);
	}

	private <T> Flux<T> pooled(String name, Function<Connection, ? extends Publisher<T>> work) {
		return Lease.of(this.connections.get(name).create(), work, serverCancel(name));
	}

	/** The transaction an outside transaction manager has bound for the named pool, if any. */
	private Mono<Optional<TransactionScope>> outside(String name) {
		return this.bound.scope(name, this.connections.get(name));
	}

	/**
	 * Runs several statements in sequence on one connection of the named pool (a query and
	 * its prefetches) instead of taking one per statement. Inside a transaction, its
	 * connection is used as usual.
	 */
	<T> Flux<T> onOneConnection(String name, @Nullable TransactionScope pinned, Flux<T> work) {
		return Flux.deferContextual((context) -> {
			if (current(context, name, pinned) != null) {
				return work;
			}
			if (this.bound == null) {
				return borrowing(name, context, work);
			}
			// Each statement finds the outside transaction's connection on its own.
			return outside(name).flatMapMany((found) -> found.isPresent() ? work : borrowing(name, context, work));
		}).onErrorMap((ex) -> !(ex instanceof TortoiseException), (ex) -> translate(name, ex));
	}

	private <T> Flux<T> borrowing(String name, ContextView context, Flux<T> work) {
		Map<String, Connection> borrowed = context.getOrDefault(BORROWED, null);
		// A cancelled query still runs its prefetches to their end before the connection goes back (Lease).
		return Lease.of(this.connections.get(name).create(), (connection) -> {
			Map<String, Connection> mine = new HashMap<>((borrowed != null) ? borrowed : Map.of());
			mine.put(name, connection);
			return work.contextWrite((c) -> c.put(BORROWED, Map.copyOf(mine)));
		}, serverCancel(name));
	}

	/** Whether work on the named connection runs in a transaction: ours, or one an outside manager bound. */
	Mono<Boolean> inTransaction(String name, @Nullable TransactionScope pinned) {
		return Mono.deferContextual((context) -> {
			if (transaction(context, name, pinned) != null) {
				return Mono.just(true);
			}
			return (this.bound == null) ? Mono.just(false) : outside(name).map(Optional::isPresent);
		});
	}

	/** The transaction bound to a connection name: the pinned one, else the one in the context, or null. */
	static @Nullable TransactionScope transaction(ContextView context, String name, @Nullable TransactionScope pinned) {
		return (pinned != null && pinned.connectionName().equals(name)) ? pinned : TransactionScope.current(context, name);
	}

	/** The connection statements of this name must use: a transaction's, else a borrowed one, or null. */
	private static @Nullable Connection current(ContextView context, String name, @Nullable TransactionScope pinned) {
		TransactionScope scope = transaction(context, name, pinned);
		return (scope != null) ? scope.connection() : borrowed(context, name);
	}

	/** The connection a query with prefetches has borrowed for its statements of this name, or null. */
	private static @Nullable Connection borrowed(ContextView context, String name) {
		Map<String, Connection> borrowed = context.getOrDefault(BORROWED, null);
		return (borrowed != null) ? borrowed.get(name) : null;
	}

	/** Executes one statement with its bound values. */
	Flux<Result> execute(Connection connection, String name, Sql sql) {
		return execute(connection, name, sql, null);
	}

	/** Executes one statement, asking for generated values of the given column. */
	Flux<Result> execute(Connection connection, String name, Sql sql, @Nullable String generatedColumn) {
		if (logger.isDebugEnabled()) {
			logger.debug("[{}] {}", name, sql.text());
			if (logger.isTraceEnabled()) {
				logger.trace("[{}] bound values: {}", name, sql.values());
			}
		}
		this.statements.increment();
		Statement statement = connection.createStatement(sql.text());
		for (int i = 0; i < sql.size(); i++) {
			Object v = sql.value(i);
			if (v == null) {
				statement.bindNull(i, sql.type(i));
			}
			else {
				statement.bind(i, v);
			}
		}
		if (generatedColumn != null) {
			statement.returnGeneratedValues(generatedColumn);
		}
		return Flux.from(statement.execute());
	}

	/**
	 * The rows of a statement's results. Each result is subscribed to as soon as it arrives
	 * (a result left unsubscribed keeps the driver's conversation open, and every later query
	 * on that connection would wait behind it forever), a failing result does not cancel the
	 * others, and a cancelled subscriber leaves the statement to be read to its end
	 * ({@link ReadToEnd}).
	 */
	static <T> Flux<T> rows(Flux<Result> results, BiFunction<Row, RowMetadata, T> mapping) {
		BiFunction<Row, RowMetadata, Object> guarded = ReadToEnd.guard(mapping);
		return new ReadToEnd<>(results.flatMapDelayError((r) -> r.map(guarded), Queues.SMALL_BUFFER_SIZE,
				Queues.XS_BUFFER_SIZE));
	}

	/** The update counts of a statement's results, with the same care as {@link #rows}. */
	static Flux<Long> updates(Flux<Result> results) {
		return new ReadToEnd<>(results.flatMapDelayError(Result::getRowsUpdated, Queues.SMALL_BUFFER_SIZE,
				Queues.XS_BUFFER_SIZE));
	}

	TortoiseException translate(String name, Throwable ex) {
		if (ex instanceof TortoiseException t) {
			return t;
		}
		java.time.Duration timeout = this.connections.config(name).pool().statementTimeout();
		if (timeout != null && ex instanceof R2dbcException r && this.connections.dialect(name).isStatementTimeout(r)) {
			return new OperationalException("The statement on connection \"" + name + "\" ran longer than its"
					+ " statement timeout of " + timeout.toString().substring(2).toLowerCase(java.util.Locale.ROOT)
					+ " and was stopped by the server. Make the query cheaper (an index, a narrower filter), or raise the"
					+ " connection's statement timeout (statement_timeout in its URL, pool.statement-timeout in"
					+ " properties).", ex);
		}
		if (ex instanceof R2dbcDataIntegrityViolationException) {
			return new IntegrityException("Constraint violated on connection \"" + name + "\": " + ex.getMessage(), ex);
		}
		if (ex instanceof R2dbcException) {
			return new OperationalException("Statement failed on connection \"" + name + "\": " + ex.getMessage(), ex);
		}
		return new OperationalException("Could not use connection \"" + name + "\": " + ex, ex);
	}

}

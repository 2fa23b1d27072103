package dev.tortoise.spring.boot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import io.r2dbc.spi.Batch;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionMetadata;
import io.r2dbc.spi.IsolationLevel;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Statement;
import io.r2dbc.spi.TransactionDefinition;
import io.r2dbc.spi.ValidationDepth;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The connection of one Spring transaction on a Tortoise pool, taken from the pool when the
 * transaction's first statement needs it ({@link #open}): BEGIN (with the transaction's
 * isolation, read-only flag and lock wait timeout) is recorded by Spring's begin and sent
 * then. COMMIT, ROLLBACK and the release go to the connection if it was taken, after it has
 * been (an opening still on its way is awaited, never cancelled), and are no-ops if it never
 * was. Once the transaction ends, nothing opens it again.
 */
final class DeferredConnection implements Connection {

	private final String connectionName;

	private final ConnectionFactory pool;

	/** Guarded by {@code this}, as are the fields below: set by Spring's begin. */
	private boolean begun;

	private @Nullable TransactionDefinition definition;

	private final List<String> afterBegin = new ArrayList<>();

	/** The connection taken and begun, once a statement asked for it. */
	private @Nullable CompletableFuture<Connection> opened;

	/** Set when the transaction commits, rolls back or is released: nothing opens it any more. */
	private boolean ended;

	/** Whether it ended by rolling back (or by its release without COMMIT), once ended. */
	private boolean rolledBack;

	DeferredConnection(String connectionName, ConnectionFactory pool) {
		this.connectionName = connectionName;
		this.pool = pool;
	}

	/**
	 * The transaction's connection, taken from the pool and begun the first time. After the
	 * transaction ended this connection itself, which the transaction's ended scope keeps
	 * any statement from using.
	 */
	Mono<Connection> open() {
		CompletableFuture<Connection> future;
		synchronized (this) {
			if (this.ended) {
				return Mono.just(this);
			}
			if (this.opened == null) {
				this.opened = Mono.from(this.pool.create()).flatMap(this::begin).toFuture();
			}
			future = this.opened;
		}
		// A statement that cancels leaves the opening to finish: the transaction's end releases it.
		return Mono.fromFuture(future, true);
	}

	/** Whether a statement has taken a connection from the pool for this transaction. */
	synchronized boolean isOpened() {
		return this.opened != null;
	}

	private Mono<Connection> begin(Connection connection) {
		Mono<Void> begin;
		synchronized (this) {
			if (!this.begun) {
				return Mono.just(connection);
			}
			begin = Mono.from((this.definition != null) ? connection.beginTransaction(this.definition)
					: connection.beginTransaction());
			for (String sql : this.afterBegin) {
				begin = begin.then(Flux.from(connection.createStatement(sql).execute())
					.flatMap(Result::getRowsUpdated)
					.then());
			}
		}
		return begin.thenReturn(connection)
			.onErrorResume((ex) -> Mono.from(connection.close()).onErrorResume((closing) -> Mono.empty())
				.then(Mono.error(ex)));
	}

	/** A statement to run right after BEGIN ({@code SET TRANSACTION READ ONLY}). */
	synchronized void afterBegin(String sql) {
		this.afterBegin.add(sql);
	}

	/** Runs an end of the transaction on the connection if one was taken; nothing if none was. */
	private Mono<Void> onOpened(Function<Connection, Publisher<Void>> action, @Nullable Boolean rollingBack,
			boolean failIfOpeningFailed) {
		return Mono.defer(() -> {
			CompletableFuture<Connection> future;
			synchronized (this) {
				if (rollingBack != null && !this.ended) {
					this.ended = true;
					this.rolledBack = rollingBack;
				}
				future = this.opened;
			}
			if (future == null) {
				return Mono.empty();
			}
			Mono<Connection> connection = Mono.fromFuture(future, true);
			if (!failIfOpeningFailed) {
				// The statement that asked for it got the error; there is nothing to end.
				connection = connection.onErrorResume((ex) -> Mono.empty());
			}
			return connection.flatMap((c) -> Mono.from(action.apply(c)));
		});
	}

	/** Whether the transaction has ended, and nothing opens it any more. */
	synchronized boolean isEnded() {
		return this.ended;
	}

	/** Whether the transaction, once ended, rolled back rather than committed. */
	synchronized boolean isRolledBack() {
		return this.rolledBack;
	}

	/** A savepoint's operation, which needs the connection open. */
	private Mono<Void> whenOpen(Function<Connection, Publisher<Void>> action) {
		return open().flatMap((c) -> (c == this) ? Mono.error(ended()) : Mono.from(action.apply(c)));
	}

	private IllegalStateException ended() {
		return new IllegalStateException("The Spring transaction on Tortoise connection \"" + this.connectionName
				+ "\" has ended.");
	}

	@Override
	public Publisher<Void> beginTransaction() {
		return Mono.fromRunnable(() -> {
			synchronized (this) {
				this.begun = true;
			}
		});
	}

	@Override
	public Publisher<Void> beginTransaction(TransactionDefinition definition) {
		return Mono.fromRunnable(() -> {
			synchronized (this) {
				this.begun = true;
				this.definition = definition;
			}
		});
	}

	@Override
	public Publisher<Void> commitTransaction() {
		return onOpened(Connection::commitTransaction, false, true);
	}

	@Override
	public Publisher<Void> rollbackTransaction() {
		return onOpened(Connection::rollbackTransaction, true, false);
	}

	@Override
	public Publisher<Void> close() {
		return onOpened(Connection::close, true, false);
	}

	@Override
	public Publisher<Void> createSavepoint(String name) {
		return whenOpen((c) -> c.createSavepoint(name));
	}

	@Override
	public Publisher<Void> releaseSavepoint(String name) {
		return onOpened((c) -> c.releaseSavepoint(name), null, true);
	}

	@Override
	public Publisher<Void> rollbackTransactionToSavepoint(String name) {
		return onOpened((c) -> c.rollbackTransactionToSavepoint(name), null, false);
	}

	@Override
	public Batch createBatch() {
		return opened("createBatch").createBatch();
	}

	@Override
	public Statement createStatement(String sql) {
		return opened("createStatement").createStatement(sql);
	}

	@Override
	public ConnectionMetadata getMetadata() {
		return opened("getMetadata").getMetadata();
	}

	/** The connection, for the synchronous calls, which need it taken already. */
	private Connection opened(String call) {
		Connection connection = openedOrNull();
		if (connection == null) {
			throw new IllegalStateException("The Spring transaction on Tortoise connection \"" + this.connectionName
					+ "\" takes its connection from the pool at its first Tortoise query, and has run none yet, so "
					+ call + "() has no connection to use. Run a Tortoise query in the transaction first.");
		}
		return connection;
	}

	@Override
	public boolean isAutoCommit() {
		Connection connection = openedOrNull();
		return (connection != null) ? connection.isAutoCommit() : !isBegun();
	}

	@Override
	public IsolationLevel getTransactionIsolationLevel() {
		Connection connection = openedOrNull();
		if (connection != null) {
			return connection.getTransactionIsolationLevel();
		}
		synchronized (this) {
			IsolationLevel level = (this.definition != null) ? this.definition.getAttribute(TransactionDefinition.ISOLATION_LEVEL)
					: null;
			return (level != null) ? level : IsolationLevel.READ_COMMITTED;
		}
	}

	@Override
	public Publisher<Void> setAutoCommit(boolean autoCommit) {
		return onOpened((c) -> c.setAutoCommit(autoCommit), null, false);
	}

	@Override
	public Publisher<Void> setLockWaitTimeout(Duration timeout) {
		return onOpened((c) -> c.setLockWaitTimeout(timeout), null, true);
	}

	@Override
	public Publisher<Void> setStatementTimeout(Duration timeout) {
		return onOpened((c) -> c.setStatementTimeout(timeout), null, true);
	}

	@Override
	public Publisher<Void> setTransactionIsolationLevel(IsolationLevel isolationLevel) {
		return onOpened((c) -> c.setTransactionIsolationLevel(isolationLevel), null, true);
	}

	@Override
	public Publisher<Boolean> validate(ValidationDepth depth) {
		Connection connection = openedOrNull();
		return (connection != null) ? connection.validate(depth) : Mono.just(true);
	}

	private @Nullable Connection openedOrNull() {
		CompletableFuture<Connection> future;
		synchronized (this) {
			future = this.opened;
		}
		return (future != null && future.isDone() && !future.isCompletedExceptionally()) ? future.join() : null;
	}

	private synchronized boolean isBegun() {
		return this.begun;
	}

	@Override
	public String toString() {
		return "DeferredConnection[" + this.connectionName + (isOpened() ? ", opened" : "") + "]";
	}

}

package dev.tortoise.transactions;

import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.tortoise.exceptions.TransactionManagementException;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * A transaction on one connection, carried in the Reactor {@link Context} under its
 * connection name so that every query of the same connection inside it uses it. Commits
 * when the work completes, rolls back on error and on cancel; nested scopes are savepoints.
 * Each scope counts its statements while they are on the wire, and ends only after them.
 */
public final class TransactionScope {

	private static final String KEY = TransactionScope.class.getName();

	private static final Logger logger = LoggerFactory.getLogger(TransactionScope.class);

	private final String connectionName;

	private final Connection connection;

	/** The scope this one is a savepoint of, or null for the transaction itself. */
	private final @Nullable TransactionScope parent;

	private final AtomicInteger savepoints = new AtomicInteger();

	private volatile boolean active = true;

	/** Set once the scope ends by rolling back (an error or a cancel), before it refuses statements. */
	private volatile boolean rollingBack;

	/** The BEGIN of a transaction this scope started, once sent. */
	private volatile @Nullable CompletableFuture<Void> begun;

	/** Set in {@link #statements} once the scope is ending: no statement may start in it. */
	private static final int ENDING = 1 << 30;

	/** Statements of this scope and its savepoints on the wire, and the {@link #ENDING} flag. */
	private final AtomicInteger statements = new AtomicInteger();

	/** Waiting for no statement of this scope to be on the wire. */
	private final Queue<CompletableFuture<Void>> quiet = new ConcurrentLinkedQueue<>();

	private TransactionScope(String connectionName, Connection connection, @Nullable TransactionScope parent) {
		this.connectionName = connectionName;
		this.connection = connection;
		this.parent = parent;
	}

	private TransactionScope root() {
		TransactionScope scope = this;
		while (scope.parent != null) {
			scope = scope.parent;
		}
		return scope;
	}

	/** The connection name the transaction runs on. */
	public String connectionName() {
		return this.connectionName;
	}

	/**
	 * The transaction's connection. Once the transaction rolled back it is still returned,
	 * for a statement that the query layer then drops unsent ({@link #statementStarting}).
	 * @throws TransactionManagementException once the transaction has committed
	 */
	public Connection connection() {
		if (!root().active && !isRollingBack()) {
			throw new TransactionManagementException("The transaction on connection \"" + this.connectionName
					+ "\" has already ended; run the query inside inTransaction(...).");
		}
		return this.connection;
	}

	/**
	 * Counts a statement about to be sent on the transaction's connection, for the query
	 * layer, which calls {@link #statementEnded} once the statement has been read to its
	 * end. COMMIT, ROLLBACK and savepoint exchanges wait until no counted statement is on
	 * the wire, so that a cancelled transaction never sends its ROLLBACK from one thread
	 * while one of its statements is still being sent or read on another.
	 * @return false once the transaction is ending: the statement must not be sent
	 */
	public boolean statementStarting() {
		for (TransactionScope scope = this; scope != null; scope = scope.parent) {
			if (!scope.countStarting()) {
				for (TransactionScope counted = this; counted != scope; counted = counted.parent) {
					counted.countEnded();
				}
				return false;
			}
		}
		return true;
	}

	/** A statement counted by {@link #statementStarting} has been read to its end. */
	public void statementEnded() {
		for (TransactionScope scope = this; scope != null; scope = scope.parent) {
			scope.countEnded();
		}
	}

	/**
	 * Whether this scope, or one it is a savepoint of, refuses statements because it is
	 * rolling back: its work failed or was cancelled, so whoever would have seen a refused
	 * statement's outcome is gone too, and the refusal is not an error to report.
	 */
	public boolean isRollingBack() {
		for (TransactionScope scope = this; scope != null; scope = scope.parent) {
			if (scope.rollingBack) {
				return true;
			}
		}
		return false;
	}

	/** What readies the connection after a statement of the transaction was stopped on the server, or null. */
	private volatile @Nullable Mono<Void> settle;

	/**
	 * A statement of this transaction was stopped on the server: before the transaction ends
	 * (once its statements are off the wire), {@code settle} readies the connection, so that a
	 * stop that reached the session too late is not taken by the ROLLBACK.
	 */
	public void stoppedOnServer(Mono<Void> settle) {
		root().settle = settle.onErrorResume((ex) -> Mono.empty());
	}

	private Mono<Void> settled() {
		return Mono.defer(() -> {
			TransactionScope root = root();
			Mono<Void> s = root.settle;
			root.settle = null;
			return (s != null) ? uncancelled(s) : Mono.empty();
		});
	}

	/** Whether this scope, or one it is a savepoint of, is ending and refuses statements. */
	public boolean isEnding() {
		for (TransactionScope scope = this; scope != null; scope = scope.parent) {
			if ((scope.statements.get() & ENDING) != 0) {
				return true;
			}
		}
		return false;
	}

	/**
	 * What a statement refused by an ending scope signals: nothing, if the scope is rolling
	 * back (its work failed or was cancelled, and nobody waits for the statement), else a
	 * {@link TransactionManagementException}, since the work ran a query after it completed.
	 */
	public <T> Flux<T> refusal() {
		if (isRollingBack()) {
			logger.debug("A statement of the transaction on connection \"{}\" was not sent: it is rolling back",
					this.connectionName);
			return Flux.empty();
		}
		return Flux.error(new TransactionManagementException("The transaction on connection \"" + this.connectionName
				+ "\" is ending, so the statement was not sent; run the query before the transaction's work completes."));
	}

	private boolean countStarting() {
		for (;;) {
			int s = this.statements.get();
			if ((s & ENDING) != 0) {
				return false;
			}
			if (this.statements.compareAndSet(s, s + 1)) {
				return true;
			}
		}
	}

	private void countEnded() {
		if ((this.statements.decrementAndGet() & ~ENDING) == 0) {
			wake();
		}
	}

	private void wake() {
		CompletableFuture<Void> waiting;
		while ((waiting = this.quiet.poll()) != null) {
			waiting.complete(null);
		}
	}

	/**
	 * Refuses any further statement of this scope and completes once none of its
	 * statements (those of its savepoints included) is on the wire.
	 */
	private Mono<Void> quiet(boolean rollback) {
		return Mono.defer(() -> {
			if (rollback) {
				this.rollingBack = true;
			}
			int s = this.statements.getAndUpdate((v) -> v | ENDING);
			if ((s & ~ENDING) == 0) {
				return Mono.empty();
			}
			CompletableFuture<Void> waiting = new CompletableFuture<>();
			this.quiet.add(waiting);
			if ((this.statements.get() & ~ENDING) == 0) {
				wake(); // the last statement ended before this waited
			}
			return Mono.fromFuture(waiting, true);
		});
	}

	/** The scope bound to a connection name in a Reactor context, or null. */
	public static @Nullable TransactionScope current(ContextView context, String connectionName) {
		Map<String, TransactionScope> scopes = context.getOrDefault(KEY, null);
		return (scopes != null) ? scopes.get(connectionName) : null;
	}

	/**
	 * Runs work in a transaction on the named connection: a new one on a connection of its
	 * own, or a savepoint of the one already in the context.
	 */
	public static <T> Flux<T> run(String connectionName, ConnectionFactory pool,
			Function<TransactionScope, ? extends Publisher<T>> work) {
		return run(connectionName, pool, null, work);
	}

	/**
	 * Runs work in a transaction on the named connection: a savepoint of the transaction
	 * already in the context, else a savepoint of the one an outside transaction manager has
	 * bound (committing it stays that manager's job), else a new one on a connection of its own.
	 */
	public static <T> Flux<T> run(String connectionName, ConnectionFactory pool, @Nullable BoundConnections bound,
			Function<TransactionScope, ? extends Publisher<T>> work) {
		return Flux.deferContextual((context) -> {
			TransactionScope outer = current(context, connectionName);
			if (outer != null) {
				return outer.savepoint(work);
			}
			if (bound == null) {
				return begin(connectionName, pool, work);
			}
			return bound.scope(connectionName, pool)
				.flatMapMany((found) -> found.isPresent() ? found.get().savepoint(work) : begin(connectionName, pool, work));
		});
	}

	private static <T> Flux<T> begin(String connectionName, ConnectionFactory pool,
			Function<TransactionScope, ? extends Publisher<T>> work) {
		return Flux.usingWhen(Mono.from(pool.create()).map((connection) -> new TransactionScope(connectionName, connection, null)),
				(scope) -> scope.begin().thenMany(Flux.defer(() -> work.apply(scope)).contextWrite((c) -> scope.bind(c))),
				(scope) -> scope.finish(false, scope.connection::commitTransaction),
				// A ROLLBACK that fails too (the server closed the connection) must not hide why.
				(scope, ex) -> scope.finish(true, scope.connection::rollbackTransaction).onErrorResume((failed) -> {
					ex.addSuppressed(failed);
					return Mono.empty();
				}),
				(scope) -> scope.finish(true, scope.connection::rollbackTransaction));
	}

	/** Sends BEGIN, which runs to its end even if the transaction is cancelled meanwhile. */
	private Mono<Void> begin() {
		CompletableFuture<Void> begun = Mono.from(this.connection.beginTransaction()).toFuture();
		this.begun = begun;
		return Mono.fromFuture(begun, true);
	}

	/**
	 * Ends the transaction with COMMIT or ROLLBACK, then gives the connection back. A
	 * transaction cancelled while its BEGIN was on the wire waits for the BEGIN first:
	 * drivers decide whether there is anything to roll back from the transaction status
	 * the server last reported, and before BEGIN's reply they would skip the ROLLBACK and
	 * hand the pool a connection that then enters a transaction nobody ends.
	 */
	private Mono<Void> finish(boolean rollback, Supplier<Publisher<Void>> end) {
		CompletableFuture<Void> begun = this.begun;
		Mono<Void> ending = (begun == null) ? Mono.empty() // no BEGIN was sent: nothing to end
				: Mono.fromFuture(begun.handle((v, ex) -> ex == null), true)
					.flatMap((started) -> started ? quiet(rollback).then(settled()).then(uncancelled(end.get())) : Mono.empty());
		Mono<Void> close = uncancelled(this.connection.close());
		return ending.doFinally((signal) -> this.active = false)
			.onErrorResume((ex) -> close.then(Mono.error(ex)))
			.then(close);
	}

	/**
	 * A BEGIN, COMMIT, ROLLBACK or savepoint exchange that runs to its end even if its
	 * subscriber cancels: a transaction cancelled while one is on the wire would otherwise
	 * cancel the driver mid-exchange, which r2dbc-mysql 1.4 does not survive (its request
	 * queue waits forever and the connection is never released). The rollback that follows
	 * a cancel is queued behind it by the driver.
	 */
	private static Mono<Void> uncancelled(Publisher<Void> exchange) {
		return Mono.defer(() -> Mono.fromFuture(Mono.from(exchange).toFuture(), true));
	}

	/**
	 * A scope for a transaction that an outside transaction manager (Spring's) began on a
	 * connection and will end itself. Tortoise's statements in it are counted like those of
	 * its own transactions; the manager calls {@link #end} before its COMMIT or ROLLBACK, so
	 * that no statement is on the wire when it is sent and none is sent after it. One scope
	 * serves every statement of that transaction.
	 */
	public static TransactionScope outside(String connectionName, Connection connection) {
		return new TransactionScope(connectionName, connection, null);
	}

	/**
	 * Ends a scope from {@link #outside}: refuses every further statement and completes once
	 * none is on the wire. Its owner then commits or rolls back and releases the connection.
	 * @param rollback whether the owner is about to roll back (statements refused from now on
	 * are then dropped quietly: their subscribers have failed or cancelled)
	 */
	public Mono<Void> end(boolean rollback) {
		return quiet(rollback).then(settled()).doFinally((signal) -> this.active = false);
	}

	/**
	 * Runs work in a savepoint of this scope, as a scope of its own: its end waits for its
	 * statements, and this scope's end for its savepoint exchanges.
	 */
	private <T> Flux<T> savepoint(Function<TransactionScope, ? extends Publisher<T>> work) {
		String name = "tortoise_sp_" + root().savepoints.incrementAndGet();
		TransactionScope nested = new TransactionScope(this.connectionName, this.connection, this);
		Mono<Void> rollback = nested.quiet(true).then(settled())
			.then(counted(() -> this.connection.rollbackTransactionToSavepoint(name), false));
		return Flux.usingWhen(counted(() -> this.connection.createSavepoint(name), true).thenReturn(name),
				(n) -> Flux.defer(() -> work.apply(nested)).contextWrite((c) -> nested.bind(c)),
				(n) -> nested.quiet(false).then(counted(() -> this.connection.releaseSavepoint(n), false)),
				(n, ex) -> rollback, (n) -> rollback);
	}

	/**
	 * A savepoint exchange, counted as a statement of this scope while on the wire and run to
	 * its end even if cancelled ({@link #uncancelled}). Once this scope is ending, a savepoint
	 * is refused ({@code required}) and its release or rollback skipped: the scope's own end
	 * undoes it.
	 */
	private Mono<Void> counted(Supplier<Publisher<Void>> exchange, boolean required) {
		return Mono.defer(() -> {
			if (!statementStarting()) {
				return required ? Mono.error(new TransactionManagementException("The transaction on connection \""
						+ this.connectionName + "\" is ending; start nested transactions inside its work.")) : Mono.empty();
			}
			return uncancelled(Mono.from(exchange.get()).doFinally((signal) -> statementEnded()));
		});
	}

	private Context bind(Context context) {
		Map<String, TransactionScope> scopes = new HashMap<>(context.getOrDefault(KEY, Map.of()));
		scopes.put(this.connectionName, this);
		return context.put(KEY, Map.copyOf(scopes));
	}

	@Override
	public String toString() {
		return "TransactionScope[" + this.connectionName + (root().active ? "" : ", ended") + "]";
	}

}

package dev.tortoise.transactions;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.tortoise.exceptions.TransactionManagementException;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * A transaction on one connection, carried in the Reactor {@link Context} under its
 * connection name so that every query of the same connection inside it uses it. Commits
 * when the work completes, rolls back on error and on cancel; nested scopes are savepoints.
 */
public final class TransactionScope {

	private static final String KEY = TransactionScope.class.getName();

	private final String connectionName;

	private final Connection connection;

	private final AtomicInteger savepoints = new AtomicInteger();

	private volatile boolean active = true;

	/** The BEGIN of a transaction this scope started, once sent. */
	private volatile @Nullable CompletableFuture<Void> begun;

	private TransactionScope(String connectionName, Connection connection) {
		this.connectionName = connectionName;
		this.connection = connection;
	}

	/** The connection name the transaction runs on. */
	public String connectionName() {
		return this.connectionName;
	}

	/**
	 * The transaction's connection.
	 * @throws TransactionManagementException once the transaction has ended
	 */
	public Connection connection() {
		if (!this.active) {
			throw new TransactionManagementException("The transaction on connection \"" + this.connectionName
					+ "\" has already ended; run the query inside inTransaction(...).");
		}
		return this.connection;
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
			return bound.lookup(connectionName, pool)
				.flatMapMany((found) -> found.isPresent() ? joined(connectionName, found.get(), work)
						: begin(connectionName, pool, work));
		});
	}

	private static <T> Flux<T> begin(String connectionName, ConnectionFactory pool,
			Function<TransactionScope, ? extends Publisher<T>> work) {
		return Flux.usingWhen(Mono.from(pool.create()).map((connection) -> new TransactionScope(connectionName, connection)),
				(scope) -> scope.begin().thenMany(Flux.defer(() -> work.apply(scope)).contextWrite((c) -> scope.bind(c))),
				(scope) -> scope.finish(scope.connection::commitTransaction),
				(scope, ex) -> scope.finish(scope.connection::rollbackTransaction),
				(scope) -> scope.finish(scope.connection::rollbackTransaction));
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
	private Mono<Void> finish(Supplier<Publisher<Void>> end) {
		CompletableFuture<Void> begun = this.begun;
		Mono<Void> ending = (begun == null) ? Mono.empty() // no BEGIN was sent: nothing to end
				: Mono.fromFuture(begun.handle((v, ex) -> ex == null), true)
					.flatMap((started) -> started ? uncancelled(end.get()) : Mono.empty());
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

	private static <T> Flux<T> joined(String connectionName, Connection connection,
			Function<TransactionScope, ? extends Publisher<T>> work) {
		TransactionScope scope = new TransactionScope(connectionName, connection);
		return scope.savepoint((s) -> Flux.from(work.apply(s)).contextWrite((c) -> s.bind(c)))
			.doFinally((signal) -> scope.active = false);
	}

	private <T> Flux<T> savepoint(Function<TransactionScope, ? extends Publisher<T>> work) {
		String name = "tortoise_sp_" + this.savepoints.incrementAndGet();
		return Flux.usingWhen(uncancelled(this.connection.createSavepoint(name)).thenReturn(name),
				(n) -> work.apply(this),
				(n) -> uncancelled(this.connection.releaseSavepoint(n)),
				(n, ex) -> uncancelled(this.connection.rollbackTransactionToSavepoint(n)),
				(n) -> uncancelled(this.connection.rollbackTransactionToSavepoint(n)));
	}

	private Context bind(Context context) {
		Map<String, TransactionScope> scopes = new HashMap<>(context.getOrDefault(KEY, Map.of()));
		scopes.put(this.connectionName, this);
		return context.put(KEY, Map.copyOf(scopes));
	}

	@Override
	public String toString() {
		return "TransactionScope[" + this.connectionName + (this.active ? "" : ", ended") + "]";
	}

}

package dev.tortoise.spring.boot;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;

import dev.tortoise.transactions.BoundConnections;
import dev.tortoise.transactions.TransactionScope;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.connection.ConnectionHolder;
import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionContext;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;

/**
 * The connection Spring's {@code R2dbcTransactionManager} bound to the subscriber for a
 * Tortoise pool, so that queries inside {@code @Transactional} methods and
 * {@code TransactionalOperator}s run in Spring's transaction. Each Spring transaction gets
 * one {@link TransactionScope} that counts Tortoise's statements in it, so that
 * {@link TortoiseTransactionManager} can end it before COMMIT or ROLLBACK: no statement
 * is then on the wire when the transaction ends, and none runs on the connection after.
 */
final class SpringBoundConnections implements BoundConnections {

	/**
	 * The scope of each Spring transaction, by the holder Spring binds for its connection (a
	 * new holder per transaction). Weak keys: a transaction ended by a manager that is not
	 * Tortoise's leaves no entry behind.
	 */
	private static final Map<ConnectionHolder, TransactionScope> SCOPES = Collections.synchronizedMap(new WeakHashMap<>());

	/**
	 * Where Spring keeps a transaction in the Reactor context: {@code TransactionContext},
	 * or its package-private holder. Checking for them first spares every statement outside
	 * a transaction the error Spring signals when there is none.
	 */
	private static final Object[] CONTEXT_KEYS = contextKeys();

	@Override
	public Mono<Connection> find(String connectionName, ConnectionFactory pool) {
		return Mono.deferContextual((context) -> inTransactionContext(context) ? bound(pool) : Mono.empty());
	}

	private static boolean inTransactionContext(reactor.util.context.ContextView context) {
		for (Object key : CONTEXT_KEYS) {
			if (context.hasKey(key)) {
				return true;
			}
		}
		return false;
	}

	private static Mono<Connection> bound(ConnectionFactory pool) {
		return holder(pool).mapNotNull(SpringBoundConnections::connection).flatMap(SpringBoundConnections::taken);
	}

	/** The connection statements use: a Tortoise transaction manager's is taken from the pool at the first one. */
	private static Mono<Connection> taken(Connection held) {
		return (held instanceof DeferredConnection deferred) ? deferred.open() : Mono.just(held);
	}

	private static Mono<ConnectionHolder> holder(ConnectionFactory pool) {
		return TransactionSynchronizationManager.forCurrentTransaction()
			.mapNotNull((synchronization) -> (ConnectionHolder) synchronization.getResource(pool))
			// No transaction context at all: the statement takes a pooled connection of its own.
			.onErrorResume(NoTransactionException.class, (ex) -> Mono.empty());
	}

	@Override
	public Mono<Optional<TransactionScope>> scope(String connectionName, ConnectionFactory pool) {
		return Mono.deferContextual((context) -> inTransactionContext(context)
				? holder(pool).flatMap((holder) -> scope(connectionName, holder)) : Mono.<TransactionScope>empty())
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty());
	}

	/** The scope of the transaction whose connection the holder holds, its connection taken if deferred. */
	private static Mono<TransactionScope> scope(String connectionName, ConnectionHolder holder) {
		Connection held = connection(holder);
		if (held == null) {
			return Mono.empty();
		}
		return taken(held).map((c) -> SCOPES.computeIfAbsent(holder, (h) -> newScope(connectionName, held, c)));
	}

	/**
	 * Ends the scope of the transaction whose connection the holder holds, creating it ended
	 * if no statement has looked for it yet, so that a statement looking later is refused.
	 * Completes once none of its statements is on the wire.
	 */
	static Mono<Void> end(String connectionName, ConnectionHolder holder, boolean rollback) {
		Connection connection = connection(holder);
		if (connection == null) {
			return Mono.empty();
		}
		return SCOPES.computeIfAbsent(holder, (h) -> TransactionScope.outside(connectionName, connection)).end(rollback);
	}

	/**
	 * The scope of a transaction's first statement; already ended if the transaction has
	 * (a statement that found the connection just before the end, and the scope only after
	 * the transaction's cleanup forgot it), so that the statement is refused, not sent on a
	 * connection back in the pool.
	 */
	private static TransactionScope newScope(String connectionName, Connection held, Connection connection) {
		TransactionScope scope = TransactionScope.outside(connectionName, connection);
		if (held instanceof DeferredConnection deferred && deferred.isEnded()) {
			scope.end(deferred.isRolledBack()).subscribe();
		}
		return scope;
	}

	/** Forgets the scope of an ended transaction. */
	static void forget(ConnectionHolder holder) {
		SCOPES.remove(holder);
	}

	private static Object[] contextKeys() {
		try {
			return new Object[] { TransactionContext.class,
					Class.forName("org.springframework.transaction.reactive.TransactionContextHolder", false,
							TransactionContext.class.getClassLoader()) };
		}
		catch (ClassNotFoundException ex) {
			return new Object[] { TransactionContext.class };
		}
	}

	private static @Nullable Connection connection(ConnectionHolder holder) {
		try {
			return holder.getConnection();
		}
		catch (IllegalStateException ex) {
			// A holder whose connection was already released: there is no transaction to join.
			return null;
		}
	}

}

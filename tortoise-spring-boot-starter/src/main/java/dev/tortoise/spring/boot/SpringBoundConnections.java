package dev.tortoise.spring.boot;

import dev.tortoise.transactions.BoundConnections;
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
 * {@code TransactionalOperator}s run in Spring's transaction.
 */
final class SpringBoundConnections implements BoundConnections {

	/**
	 * Where Spring keeps a transaction in the Reactor context: {@code TransactionContext},
	 * or its package-private holder. Checking for them first spares every statement outside
	 * a transaction the error Spring signals when there is none.
	 */
	private static final Object[] CONTEXT_KEYS = contextKeys();

	@Override
	public Mono<Connection> find(String connectionName, ConnectionFactory pool) {
		return Mono.deferContextual((context) -> {
			for (Object key : CONTEXT_KEYS) {
				if (context.hasKey(key)) {
					return bound(pool);
				}
			}
			return Mono.empty();
		});
	}

	private static Mono<Connection> bound(ConnectionFactory pool) {
		return TransactionSynchronizationManager.forCurrentTransaction()
			.mapNotNull((synchronization) -> (ConnectionHolder) synchronization.getResource(pool))
			.mapNotNull(SpringBoundConnections::connection)
			// No transaction context at all: the statement takes a pooled connection of its own.
			.onErrorResume(NoTransactionException.class, (ex) -> Mono.empty());
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

package dev.tortoise.transactions;

import java.util.Optional;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Finds the connection an outside transaction manager (such as Spring's
 * {@code R2dbcTransactionManager}) has bound to the current subscriber, so that Tortoise's
 * statements run in that transaction instead of on a pooled connection of their own.
 * Tortoise neither commits nor closes a connection found this way: its owner does.
 */
@FunctionalInterface
public interface BoundConnections {

	/**
	 * The connection bound for the given pool in the subscriber's Reactor context.
	 * @param connectionName the Tortoise connection name
	 * @param pool the pooled connection factory of that connection, as
	 * {@code TortoiseContext.connections().get(connectionName)} returns it
	 * @return at most one connection; empty when no transaction is bound for that pool
	 */
	Publisher<Connection> find(String connectionName, ConnectionFactory pool);

	/**
	 * {@link #find} as a Mono that always emits, so that callers can branch on it: the bound
	 * connection, or an empty Optional.
	 */
	default Mono<Optional<Connection>> lookup(String connectionName, ConnectionFactory pool) {
		return Mono.from(find(connectionName, pool)).map(Optional::of).defaultIfEmpty(Optional.empty());
	}

	/**
	 * The bound transaction as a {@link TransactionScope} that counts Tortoise's statements in
	 * it, or an empty Optional. Override it to hand out one scope per outside transaction and
	 * to {@link TransactionScope#end end} it before that transaction commits or rolls back:
	 * only then is a statement never sent after the transaction ended (the starter's
	 * transaction managers do). This default makes a new scope per lookup, which counts
	 * nothing across statements.
	 */
	default Mono<Optional<TransactionScope>> scope(String connectionName, ConnectionFactory pool) {
		return lookup(connectionName, pool)
			.map((found) -> found.map((connection) -> TransactionScope.outside(connectionName, connection)));
	}

}

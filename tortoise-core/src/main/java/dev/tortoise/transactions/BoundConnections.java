package dev.tortoise.transactions;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import org.reactivestreams.Publisher;

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

}

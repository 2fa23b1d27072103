package dev.tortoise.spring.boot;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import org.springframework.core.InfrastructureProxy;

/**
 * The connection factory {@link TortoiseTransactionManager} begins Spring transactions with:
 * each transaction gets a {@link DeferredConnection} that takes a connection from the
 * Tortoise pool, and sends BEGIN, only when the transaction's first statement needs it. So a
 * transaction that Spring drops before its work runs (a subscriber that cancels just after
 * the begin) holds nothing: no pooled connection, no open transaction, no lock. Spring binds
 * transactions under the pool itself ({@link InfrastructureProxy}), where Tortoise's queries
 * look for them.
 */
final class DeferredConnections implements ConnectionFactory, InfrastructureProxy {

	private final String connectionName;

	private final ConnectionFactory pool;

	DeferredConnections(String connectionName, ConnectionFactory pool) {
		this.connectionName = connectionName;
		this.pool = pool;
	}

	@Override
	public Publisher<? extends Connection> create() {
		return Mono.fromSupplier(() -> new DeferredConnection(this.connectionName, this.pool));
	}

	@Override
	public ConnectionFactoryMetadata getMetadata() {
		return this.pool.getMetadata();
	}

	@Override
	public Object getWrappedObject() {
		return this.pool;
	}

	@Override
	public String toString() {
		return "DeferredConnections[" + this.connectionName + "]";
	}

}

package dev.tortoise.spring.boot;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.connection.ConnectionHolder;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.reactive.GenericReactiveTransaction;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;

/**
 * Spring's {@link R2dbcTransactionManager} for one Tortoise connection, made safe against
 * cancellation.
 * <ul>
 * <li>A transaction takes its connection from the pool, and sends BEGIN, at its first
 * statement, not at its begin ({@link DeferredConnections}). A subscriber that cancels just
 * after the begin can make Spring drop the transaction before its work gets it (inside
 * Spring's final {@code getReactiveTransaction}), so that nothing ever commits or rolls it
 * back; such a transaction holds nothing.</li>
 * <li>A subscriber that cancels a {@code @Transactional} method makes Spring roll back at
 * once, on the cancelling thread, while Tortoise's statements of that transaction may still
 * be on the wire or about to be sent; the plain manager would then send ROLLBACK next to
 * them and give the connection back, and a statement sent after that runs outside any
 * transaction and commits on its own. This manager first ends the transaction's Tortoise
 * scope: every further statement is refused, and COMMIT or ROLLBACK is sent only once the
 * statements on the wire have ended.</li>
 * </ul>
 */
public class TortoiseTransactionManager extends R2dbcTransactionManager {

	private final String connectionName;

	private final DeferredConnections deferred;

	/**
	 * A transaction manager for a Tortoise connection.
	 * @param connectionName the Tortoise connection name, for messages
	 * @param connectionFactory that connection's pooled factory,
	 * {@code TortoiseContext.connections().get(connectionName)}
	 */
	public TortoiseTransactionManager(String connectionName, ConnectionFactory connectionFactory) {
		super(connectionFactory);
		this.connectionName = connectionName;
		this.deferred = new DeferredConnections(connectionName, connectionFactory);
	}

	/** The Tortoise connection this manager's transactions run on. */
	public String getConnectionName() {
		return this.connectionName;
	}

	/** Transactions begin on deferred connections, bound under the pool ({@link #getConnectionFactory}). */
	@Override
	protected ConnectionFactory obtainConnectionFactory() {
		return this.deferred;
	}

	/** {@code SET TRANSACTION READ ONLY} goes right after the deferred BEGIN. */
	@Override
	protected Mono<Void> prepareTransactionalConnection(Connection con, TransactionDefinition definition) {
		if (con instanceof DeferredConnection deferredConnection) {
			if (isEnforceReadOnly() && definition.isReadOnly()) {
				deferredConnection.afterBegin("SET TRANSACTION READ ONLY");
			}
			return Mono.empty();
		}
		return super.prepareTransactionalConnection(con, definition);
	}

	@Override
	protected Mono<Void> doCommit(TransactionSynchronizationManager synchronizationManager,
			GenericReactiveTransaction status) {
		return endScope(synchronizationManager, false).then(super.doCommit(synchronizationManager, status));
	}

	@Override
	protected Mono<Void> doRollback(TransactionSynchronizationManager synchronizationManager,
			GenericReactiveTransaction status) {
		return endScope(synchronizationManager, true).then(super.doRollback(synchronizationManager, status));
	}

	@Override
	protected Mono<Void> doCleanupAfterCompletion(TransactionSynchronizationManager synchronizationManager,
			Object transaction) {
		ConnectionHolder holder = holder(synchronizationManager);
		return super.doCleanupAfterCompletion(synchronizationManager, transaction).doFinally((signal) -> {
			if (holder != null) {
				SpringBoundConnections.forget(holder);
			}
		});
	}

	private Mono<Void> endScope(TransactionSynchronizationManager synchronizationManager, boolean rollback) {
		return Mono.defer(() -> {
			ConnectionHolder holder = holder(synchronizationManager);
			return (holder != null) ? SpringBoundConnections.end(this.connectionName, holder, rollback) : Mono.empty();
		});
	}

	private ConnectionHolder holder(TransactionSynchronizationManager synchronizationManager) {
		return (ConnectionHolder) synchronizationManager.getResource(obtainConnectionFactory());
	}

	@Override
	public String toString() {
		return "TortoiseTransactionManager[" + this.connectionName + "]";
	}

}

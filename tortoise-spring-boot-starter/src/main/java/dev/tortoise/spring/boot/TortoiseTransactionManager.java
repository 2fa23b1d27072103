package dev.tortoise.spring.boot;

import java.util.concurrent.CompletableFuture;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.connection.ConnectionHolder;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.reactive.GenericReactiveTransaction;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;

/**
 * Spring's {@link R2dbcTransactionManager} for one Tortoise connection, made safe against
 * cancellation. A subscriber that cancels a {@code @Transactional} method makes Spring
 * roll back at once, on the cancelling thread, while Tortoise's statements of that
 * transaction may still be on the wire or about to be sent; the plain manager would then
 * send ROLLBACK next to them and give the connection back, and a statement sent after
 * that runs outside any transaction and commits on its own. This manager first ends the
 * transaction's Tortoise scope: every further statement is refused, and COMMIT or ROLLBACK
 * is sent only once the statements on the wire have ended. A subscriber that cancels while
 * the transaction is beginning (the connection on its way, BEGIN on the wire) would leave
 * the plain manager's connection acquired and inside a transaction for good; here the
 * begin runs to its end and the connection is then rolled back and given back.
 */
public class TortoiseTransactionManager extends R2dbcTransactionManager {

	private static final Logger log = LoggerFactory.getLogger(TortoiseTransactionManager.class);

	private final String connectionName;

	/**
	 * A transaction manager for a Tortoise connection.
	 * @param connectionName the Tortoise connection name, for messages
	 * @param connectionFactory that connection's pooled factory,
	 * {@code TortoiseContext.connections().get(connectionName)}
	 */
	public TortoiseTransactionManager(String connectionName, ConnectionFactory connectionFactory) {
		super(connectionFactory);
		this.connectionName = connectionName;
	}

	/** The Tortoise connection this manager's transactions run on. */
	public String getConnectionName() {
		return this.connectionName;
	}

	@Override
	protected Mono<Void> doBegin(TransactionSynchronizationManager synchronizationManager, Object transaction,
			TransactionDefinition definition) {
		return Mono.defer(() -> {
			CompletableFuture<Void> begun = super.doBegin(synchronizationManager, transaction, definition).toFuture();
			return Mono.fromFuture(begun, true).doOnCancel(() -> begun.whenComplete((v, ex) -> {
				if (ex == null) {
					abandon(synchronizationManager);
				}
			}));
		});
	}

	/** Rolls back and gives back the connection of a transaction whose subscriber left while it began. */
	private void abandon(TransactionSynchronizationManager synchronizationManager) {
		ConnectionHolder holder = holder(synchronizationManager);
		if (holder == null) {
			return;
		}
		synchronizationManager.unbindResource(obtainConnectionFactory());
		Connection connection = holder.getConnection();
		Mono.from(connection.rollbackTransaction())
			.onErrorResume((ex) -> {
				log.debug("Rolling back a transaction on connection \"{}\" cancelled while it began failed",
						this.connectionName, ex);
				return Mono.empty();
			})
			.then(Mono.from(connection.close()))
			.subscribe(null, (ex) -> log.debug("Releasing the connection of a cancelled transaction failed", ex));
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

package dev.tortoise.spring.boot;

import java.lang.ref.Cleaner;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import org.jspecify.annotations.Nullable;
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
 *
 * <p>One window is out of any manager's reach: a subscriber that cancels after BEGIN
 * completed but before Spring handed the new transaction to the work (inside Spring's final
 * {@code getReactiveTransaction}) makes Spring drop the transaction, so that nothing ever
 * commits or rolls it back. Such a transaction can no longer be reached by anyone; once the
 * JVM finds it unreachable (the next garbage collection) this manager rolls it back and
 * gives its connection back to the pool.
 */
public class TortoiseTransactionManager extends R2dbcTransactionManager {

	private static final Logger log = LoggerFactory.getLogger(TortoiseTransactionManager.class);

	/** Rolls back the transactions Spring dropped before their work got them. */
	private static final Cleaner DROPPED = Cleaner.create((task) -> {
		Thread thread = new Thread(task, "tortoise-dropped-transactions");
		thread.setDaemon(true);
		return thread;
	});

	private final String connectionName;

	/**
	 * Who ends each begun transaction, by the holder of its connection: the work's commit or
	 * rollback, the cancel while it began, or the cleaner once Spring dropped it.
	 */
	private final Map<ConnectionHolder, Ending> endings = Collections.synchronizedMap(new WeakHashMap<>());

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
			CompletableFuture<Void> begun = super.doBegin(synchronizationManager, transaction, definition)
				.doOnSuccess((v) -> watch(synchronizationManager, transaction))
				.toFuture();
			return Mono.fromFuture(begun, true).doOnCancel(() -> begun.whenComplete((v, ex) -> {
				if (ex == null) {
					abandon(synchronizationManager);
				}
			}));
		});
	}

	/**
	 * Watches a transaction that has begun, until its work ends it: should Spring drop it
	 * unseen, the cleaner rolls it back once the transaction object is unreachable. The
	 * cleaning action holds the connection, never the transaction object.
	 */
	private void watch(TransactionSynchronizationManager synchronizationManager, Object transaction) {
		ConnectionHolder holder = holder(synchronizationManager);
		if (holder != null) {
			Ending ending = new Ending(this.connectionName, holder.getConnection());
			this.endings.put(holder, ending);
			ending.cleanable = DROPPED.register(transaction, ending);
		}
	}

	/** Rolls back and gives back the connection of a transaction whose subscriber left while it began. */
	private void abandon(TransactionSynchronizationManager synchronizationManager) {
		ConnectionHolder holder = holder(synchronizationManager);
		if (holder == null) {
			return;
		}
		synchronizationManager.unbindResource(obtainConnectionFactory());
		Ending ending = this.endings.remove(holder);
		if (ending == null) {
			Ending.release(this.connectionName, holder.getConnection(), "cancelled while it began");
		}
		else if (ending.claim()) {
			ending.release("cancelled while it began");
		}
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
				Ending ending = this.endings.remove(holder);
				if (ending != null) {
					ending.claim();
				}
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

	/**
	 * The end of one begun transaction, claimed once: by its work's cleanup, by the cancel
	 * while it began, or by the cleaner once Spring dropped it unseen.
	 */
	private static final class Ending implements Runnable {

		private final String connectionName;

		private final Connection connection;

		private final AtomicBoolean claimed = new AtomicBoolean();

		private volatile Cleaner.@Nullable Cleanable cleanable;

		Ending(String connectionName, Connection connection) {
			this.connectionName = connectionName;
			this.connection = connection;
		}

		/** Claims the end; true for the one caller that then ends the transaction. */
		boolean claim() {
			boolean first = this.claimed.compareAndSet(false, true);
			Cleaner.Cleanable c = this.cleanable;
			if (first && c != null) {
				// Unregisters; run() then finds the end claimed and does nothing.
				c.clean();
			}
			return first;
		}

		/** The transaction object is unreachable and its end was never claimed: Spring dropped it. */
		@Override
		public void run() {
			if (this.claimed.compareAndSet(false, true)) {
				release("dropped by Spring before its work began");
			}
		}

		void release(String why) {
			release(this.connectionName, this.connection, why);
		}

		static void release(String connectionName, Connection connection, String why) {
			Mono.from(connection.rollbackTransaction())
				.onErrorResume((ex) -> {
					log.debug("Rolling back a transaction on connection \"{}\" {} failed", connectionName, why, ex);
					return Mono.empty();
				})
				.then(Mono.from(connection.close()))
				.subscribe(null, (ex) -> log.debug("Releasing the connection \"{}\" of a transaction {} failed",
						connectionName, why, ex));
		}

	}

}

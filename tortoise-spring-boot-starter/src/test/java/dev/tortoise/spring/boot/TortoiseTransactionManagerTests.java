package dev.tortoise.spring.boot;

import java.util.Map;

import dev.tortoise.config.DbUrl;
import dev.tortoise.connection.Connections;
import dev.tortoise.testing.Sql;
import dev.tortoise.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.transaction.ReactiveTransaction;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.reactive.TransactionContextManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import static org.assertj.core.api.Assertions.assertThat;

/** Spring transactions on a Tortoise pool that end cleanly however their subscribers leave, on H2. */
class TortoiseTransactionManagerTests {

	private final Connections connections = Connections.create(Map.of("default", DbUrl.parse("h2://:memory:?maxsize=2")));

	private final TortoiseTransactionManager manager = new TortoiseTransactionManager("default",
			this.connections.get("default"));

	@AfterEach
	void close() {
		this.connections.close().block();
	}

	@Test
	void transactionsCancelledWhileTheyBeginAreRolledBackAndGiveTheirConnectionBack() {
		TransactionalOperator operator = TransactionalOperator.create(this.manager);
		for (int i = 0; i < 500; i++) {
			// Cancelled at once: while the connection is on its way, or BEGIN on the wire.
			operator.transactional(Mono.never()).subscribe().dispose();
		}
		TestDatabase.awaitReleased(this.connections.pool("default"));
		assertThat(Sql.number(this.connections.get("default"),
				"SELECT count(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE CONTAINS_UNCOMMITTED")).isZero();
		assertThat(operator.transactional(Mono.just(1)).block()).as("the pool still works").isEqualTo(1);
	}

	@Test
	void transactionsSpringDropsBetweenBeginAndTheirWorkAreRolledBackOnceUnreachable() {
		// What Spring does when the subscriber cancels after BEGIN, before the work gets the
		// transaction: nothing ever commits or rolls it back.
		for (int i = 0; i < 2; i++) {
			dropAfterBegin();
		}
		assertThat(this.connections.pool("default").getMetrics().get().acquiredSize()).as("held by the dropped ones")
			.isEqualTo(2);
		TestDatabase.awaitReleasedCollectingGarbage(this.connections.pool("default"));
		TransactionalOperator operator = TransactionalOperator.create(this.manager);
		assertThat(operator.transactional(Mono.just(1)).block()).as("the pool still works").isEqualTo(1);
	}

	@Test
	void transactionsThatEndNormallyAreNotEndedAgainOnceUnreachable() {
		TransactionalOperator operator = TransactionalOperator.create(this.manager);
		for (int i = 0; i < 20; i++) {
			operator.transactional(Mono.just(i)).block();
		}
		TestDatabase.awaitReleasedCollectingGarbage(this.connections.pool("default"));
		// A second release of a connection already back in the pool would break the next borrowers.
		for (int i = 0; i < 20; i++) {
			assertThat(operator.transactional(Mono.just(i)).block()).isEqualTo(i);
		}
		assertThat(this.connections.pool("default").getMetrics().get().acquiredSize()).isZero();
	}

	private void dropAfterBegin() {
		ReactiveTransaction dropped = this.manager.getReactiveTransaction(TransactionDefinition.withDefaults())
			.contextWrite(TransactionContextManager.createTransactionContext())
			.contextWrite(TransactionContextManager.getOrCreateContextHolder())
			.block();
		assertThat(dropped.isNewTransaction()).isTrue();
	}

	@Test
	void namesItsConnection() {
		assertThat(this.manager.getConnectionName()).isEqualTo("default");
		assertThat(this.manager).hasToString("TortoiseTransactionManager[default]");
	}

}

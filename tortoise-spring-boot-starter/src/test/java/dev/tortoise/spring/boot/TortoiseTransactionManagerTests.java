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
	void transactionsCancelledAtOnceLeaveNoConnectionTakenAndNoSessionInATransaction() {
		TransactionalOperator operator = TransactionalOperator.create(this.manager);
		for (int i = 0; i < 500; i++) {
			operator.transactional(Mono.never()).subscribe().dispose();
		}
		TestDatabase.awaitReleased(this.connections.pool("default"));
		assertThat(Sql.number(this.connections.get("default"),
				"SELECT count(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE CONTAINS_UNCOMMITTED")).isZero();
		assertThat(operator.transactional(Mono.just(1)).block()).as("the pool still works").isEqualTo(1);
	}

	@Test
	void transactionsSpringDropsBetweenBeginAndTheirWorkHoldNothing() {
		// What Spring does when the subscriber cancels after the begin, before the work gets the
		// transaction: nothing ever commits or rolls it back.
		for (int i = 0; i < 5; i++) {
			dropAfterBegin();
		}
		assertThat(this.connections.pool("default").getMetrics().get().acquiredSize()).as("no connection taken")
			.isZero();
		TransactionalOperator operator = TransactionalOperator.create(this.manager);
		assertThat(operator.transactional(Mono.just(1)).block()).as("the pool still works").isEqualTo(1);
	}

	@Test
	void aTransactionTakesItsConnectionAtItsFirstStatementAndGivesItBackAtItsEnd() {
		TransactionalOperator operator = TransactionalOperator.create(this.manager);
		Integer seen = operator.execute((status) -> Mono.fromSupplier(
				() -> this.connections.pool("default").getMetrics().get().acquiredSize()))
			.single()
			.block();
		assertThat(seen).as("a transaction without statements takes no connection").isZero();
		for (int i = 0; i < 20; i++) {
			assertThat(operator.transactional(Mono.just(i)).block()).isEqualTo(i);
		}
		TestDatabase.awaitReleased(this.connections.pool("default"));
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

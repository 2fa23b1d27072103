package dev.tortoise.spring.boot;

import dev.tortoise.TortoiseContext;
import dev.tortoise.testmodels.query.Team;
import dev.tortoise.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.reactive.TransactionalOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tortoise queries inside Spring's reactive transactions, on H2 (PostgreSQL and MariaDB: the integration tests). */
class SpringBoundConnectionsTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TortoiseAutoConfiguration.class, TransactionAutoConfiguration.class))
		.withPropertyValues("tortoise.connections.default=h2://:memory:", "tortoise.connections.audit=h2://:memory:",
				"tortoise.apps.models.models=dev.tortoise.testmodels.query", "tortoise.generate-schemas=safe")
		.withBean(TeamService.class);

	@Test
	void outsideATransactionNothingIsBoundAndStatementsUseThePool() {
		this.runner.run((context) -> {
			TortoiseContext tortoise = context.getBean(TortoiseContext.class);
			assertThat(Mono.from(new SpringBoundConnections().find("default", tortoise.connections().get("default")))
				.blockOptional()).isEmpty();
			TransactionalOperator operator = context.getBean(TransactionalOperator.class);
			assertThat(operator.transactional(Mono.from(new SpringBoundConnections().find("default",
					tortoise.connections().get("default")))).blockOptional()).isPresent();
			assertThat(operator.transactional(Mono.from(new SpringBoundConnections().find("audit",
					tortoise.connections().get("audit")))).blockOptional()).as("no transaction on that pool").isEmpty();
		});
	}

	@Test
	void transactionalOperatorRollsBackTortoiseWritesOnError() {
		this.runner.run((context) -> {
			TortoiseContext tortoise = context.getBean(TortoiseContext.class);
			TransactionalOperator operator = context.getBean(TransactionalOperator.class);
			Mono<Team> failing = tortoise.create(new Team("rolled back"))
				.then(Mono.error(new IllegalStateException("business rule")));
			assertThatThrownBy(() -> operator.transactional(failing).block()).hasMessageContaining("business rule");
			assertThat(tortoise.objects(Team.class).count().block()).isZero();
			operator.transactional(tortoise.create(new Team("committed"))).block();
			assertThat(tortoise.objects(Team.class).values("name").collectList().block())
				.extracting((row) -> row.get("name")).containsExactly("committed");
			TestDatabase.awaitReleased(tortoise.connections().pool("default"));
		});
	}

	@Test
	void queriesInsideTheTransactionSeeItsUncommittedRowsAndOthersDoNot() {
		this.runner.run((context) -> {
			TortoiseContext tortoise = context.getBean(TortoiseContext.class);
			TransactionalOperator operator = context.getBean(TransactionalOperator.class);
			long[] inside = new long[2];
			operator.transactional(tortoise.create(new Team("pending"))
				.then(tortoise.objects(Team.class).count()).doOnNext((n) -> inside[0] = n)
				// toFuture() subscribes without the transaction's Reactor context.
				.then(Mono.defer(() -> Mono.fromFuture(tortoise.objects(Team.class).count().toFuture())))
				.doOnNext((n) -> inside[1] = n))
				.block();
			assertThat(inside[0]).as("inside the transaction").isEqualTo(1);
			assertThat(inside[1]).as("on another connection, before commit").isZero();
			assertThat(tortoise.objects(Team.class).count().block()).as("after commit").isEqualTo(1);
		});
	}

	@Test
	void transactionalMethodsRollBackOnError() {
		this.runner.run((context) -> {
			TortoiseContext tortoise = context.getBean(TortoiseContext.class);
			TeamService service = context.getBean(TeamService.class);
			assertThatThrownBy(() -> service.createThenFail("a", "b").block()).hasMessageContaining("after two teams");
			assertThat(tortoise.objects(Team.class).count().block()).isZero();
			service.create("c").block();
			assertThat(tortoise.objects(Team.class).count().block()).isEqualTo(1);
		});
	}

	@Test
	void aNamedTransactionManagerBindsItsOwnConnectionOnly() {
		this.runner.run((context) -> {
			TortoiseContext tortoise = context.getBean(TortoiseContext.class);
			TeamService service = context.getBean(TeamService.class);
			// The audit transaction does not cover the default connection, where the models live.
			assertThatThrownBy(() -> service.createInAuditTransactionThenFail("outside").block())
				.hasMessageContaining("audit failed");
			assertThat(tortoise.objects(Team.class).count().block()).isEqualTo(1);
		});
	}

	@Test
	void tortoiseTransactionsInsideSpringsAreSavepoints() {
		this.runner.run((context) -> {
			TortoiseContext tortoise = context.getBean(TortoiseContext.class);
			TransactionalOperator operator = context.getBean(TransactionalOperator.class);
			Mono<Void> work = tortoise.create(new Team("outer"))
				.then(tortoise.inTransaction("default", (tx) -> tx.create(new Team("inner"))
					.then(Mono.error(new IllegalStateException("inner failed")))).then())
				.onErrorResume(IllegalStateException.class, (ex) -> Mono.empty());
			operator.transactional(work).block();
			assertThat(tortoise.objects(Team.class).values("name").map((row) -> row.get("name")).collectList().block())
				.containsExactly("outer");
			Mono<Void> failingOuter = tortoise.inTransaction("default", (tx) -> tx.create(new Team("nested")))
				.then(Mono.error(new IllegalStateException("outer failed")));
			assertThatThrownBy(() -> operator.transactional(failingOuter).block()).hasMessageContaining("outer failed");
			assertThat(tortoise.objects(Team.class).count().block()).isEqualTo(1);
		});
	}

	@Test
	void bulkCreateJoinsTheSpringTransaction() {
		this.runner.run((context) -> {
			TortoiseContext tortoise = context.getBean(TortoiseContext.class);
			TransactionalOperator operator = context.getBean(TransactionalOperator.class);
			java.util.List<Team> teams = Flux.range(0, 2_500).map((i) -> new Team("t" + i)).collectList().block();
			Mono<Object> failing = tortoise.bulkCreate(teams).then(Mono.error(new IllegalStateException("after bulk")));
			assertThatThrownBy(() -> operator.transactional(failing).block()).hasMessageContaining("after bulk");
			assertThat(tortoise.objects(Team.class).count().block()).isZero();
		});
	}

	@Test
	void transactionalRequestsCancelledAtRandomCommitWholeOrNothing() {
		this.runner.run((context) -> {
			TortoiseContext tortoise = context.getBean(TortoiseContext.class);
			TeamService service = context.getBean(TeamService.class);
			dev.tortoise.testing.Cancellations.run(StarterIntegrationTests.CANCELLATIONS / 4, 8,
					java.time.Duration.ofMillis(2), 5, (i) -> service.createMany("h" + i, 3))
				.assertNoErrors();
			TestDatabase.awaitReleased(tortoise.connections().pool("default"));
			dev.tortoise.testing.Cancellations.assertAllOrNothing(tortoise.objects(Team.class).values("name")
				.map((row) -> (String) row.get("name")).collectList().block(), 3);
			assertThat(dev.tortoise.testing.Sql.number(tortoise.connections().get("default"),
					"SELECT count(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE CONTAINS_UNCOMMITTED")).isZero();
		});
	}

	@Test
	void theTransactionManagersAreTortoisesCancelSafeOnes() {
		this.runner.run((context) -> assertThat(context.getBean("tortoiseTransactionManager"))
			.isInstanceOf(TortoiseTransactionManager.class)
			.hasToString("TortoiseTransactionManager[default]"));
	}

	static class TeamService {

		private final TortoiseContext tortoise;

		TeamService(TortoiseContext tortoise) {
			this.tortoise = tortoise;
		}

		@Transactional
		public Mono<Team> create(String name) {
			return this.tortoise.create(new Team(name));
		}

		@Transactional
		public Mono<Void> createMany(String prefix, int rows) {
			return Flux.range(0, rows).flatMap((i) -> this.tortoise.create(new Team(prefix + "-" + i)), 8).then();
		}

		@Transactional
		public Mono<Void> createThenFail(String first, String second) {
			return this.tortoise.create(new Team(first))
				.then(this.tortoise.create(new Team(second)))
				.then(Mono.error(new IllegalStateException("failed after two teams")));
		}

		@Transactional("tortoiseTransactionManager.audit")
		public Mono<Void> createInAuditTransactionThenFail(String name) {
			return this.tortoise.create(new Team(name)).then(Mono.error(new IllegalStateException("audit failed")));
		}

	}

}

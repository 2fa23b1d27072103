package dev.tortoise.spring.boot;

import java.util.List;

import dev.tortoise.TortoiseContext;
import dev.tortoise.exceptions.ConfigurationException;
import dev.tortoise.exceptions.OperationalException;
import dev.tortoise.spring.boot.actuate.TortoiseHealthContributorAutoConfiguration;
import dev.tortoise.testing.Cancellations;
import dev.tortoise.testing.TestDatabase;
import dev.tortoise.testmodels.query.Event;
import dev.tortoise.testmodels.query.Team;
import dev.tortoise.testmodels.query.Tournament;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.reactive.TransactionalOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The starter against a real server: schema generation, Spring transactions, health, and
 * every database session ended when the application context closes or fails to start.
 */
abstract class StarterIntegrationTests {

	private static final String MODELS = "dev.tortoise.testmodels.query";

	private TestDatabase db;

	abstract TestDatabase database(String label);

	abstract String productName();

	@BeforeEach
	void createDatabase() {
		this.db = database("starter");
	}

	@AfterEach
	void dropDatabase() {
		this.db.close();
	}

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(TortoiseAutoConfiguration.class, TransactionAutoConfiguration.class,
					TortoiseHealthContributorAutoConfiguration.class))
			.withPropertyValues("tortoise.connections.default.url=" + this.db.url(),
					"tortoise.connections.default.pool.max-size=4", "tortoise.connections.default.pool.max-acquire-time=10s",
					"tortoise.apps.models.models=" + MODELS, "tortoise.generate-schemas=safe");
	}

	@Test
	void generatesTheSchemaQueriesAndEndsEverySessionOnClose() {
		runner().run((context) -> {
			TortoiseContext tortoise = context.getBean(TortoiseContext.class);
			Tournament cup = tortoise.create(new Tournament("Cup")).block();
			Team red = tortoise.create(new Team("red")).block();
			Event last = tortoise.create(new Event("Final", cup)).block();
			tortoise.m2m(last, "participants").add(red).block();
			List<Event> events = tortoise.objects(Event.class).filter("participants__name", "red")
				.selectRelated("tournament").all().collectList().block();
			assertThat(events).extracting((e) -> e.tournament.name).containsExactly("Cup");
			assertThat(this.db.openSessions()).isPositive();
		});
		this.db.awaitNoSessions();
	}

	@Test
	void safeSchemaGenerationOnEveryStartKeepsTheRows() {
		runner().run((context) -> context.getBean(TortoiseContext.class).create(new Team("kept")).block());
		runner().run((context) -> assertThat(context.getBean(TortoiseContext.class).objects(Team.class).count().block())
			.isEqualTo(1));
		this.db.awaitNoSessions();
	}

	@Test
	void transactionalOperatorAndTransactionalMethodsRollBackOnError() {
		runner().withUserConfiguration(Services.class).run((context) -> {
			TortoiseContext tortoise = context.getBean(TortoiseContext.class);
			TransactionalOperator operator = context.getBean(TransactionalOperator.class);
			assertThatThrownBy(() -> operator.transactional(tortoise.create(new Team("a"))
				.then(tortoise.create(new Team("b")))
				.then(Mono.error(new IllegalStateException("rule broken")))).block()).hasMessageContaining("rule broken");
			assertThat(tortoise.objects(Team.class).count().block()).isZero();
			TeamService service = context.getBean(TeamService.class);
			assertThatThrownBy(() -> service.createTwoThenFail().block()).hasMessageContaining("after two");
			assertThat(tortoise.objects(Team.class).count().block()).isZero();
			// A constraint violation inside the transaction rolls back what came before it.
			assertThatThrownBy(() -> operator.transactional(tortoise.create(new Team("same"))
				.then(tortoise.create(new Team("same")))).block()).isInstanceOf(dev.tortoise.exceptions.IntegrityException.class);
			assertThat(tortoise.objects(Team.class).count().block()).isZero();
			operator.transactional(tortoise.create(new Team("c"))).block();
			assertThat(tortoise.objects(Team.class).count().block()).isEqualTo(1);
			TestDatabase.awaitReleased(tortoise.connections().pool("default"));
		});
		this.db.awaitNoSessions();
	}

	/** Requests of the cancellation suite per test; {@code -Dtortoise.test.cancellations=N} changes it. */
	static final int CANCELLATIONS = Integer.getInteger("tortoise.test.cancellations", 10_000);

	@Test
	void transactionalRequestsCancelledAtRandomCommitWholeOrNothingAndLeaveNoSessionInATransaction() {
		runner().withUserConfiguration(Services.class).run((context) -> {
			TortoiseContext tortoise = context.getBean(TortoiseContext.class);
			TeamService service = context.getBean(TeamService.class);
			TransactionalOperator operator = context.getBean(TransactionalOperator.class);
			int rows = 4;
			Cancellations run = Cancellations.run(CANCELLATIONS, 8, java.time.Duration.ofMillis(6), 27,
					(i) -> (i % 2 == 0) ? service.createMany("m" + i, rows)
							: operator.transactional(TeamService.createMany(tortoise, "o" + i, rows)));
			run.assertNoErrors();
			TestDatabase.awaitReleased(tortoise.connections().pool("default"));
			assertThat(this.db.sessionsInTransaction()).as("sessions left inside a transaction").isZero();
			int committed = Cancellations.assertAllOrNothing(
					tortoise.objects(Team.class).values("name").map((row) -> (String) row.get("name")).collectList().block(),
					rows);
			assertThat(committed).as("requests the cancel came too late for").isPositive()
				.isLessThan(CANCELLATIONS);
		});
		this.db.awaitNoSessions();
	}

	@Test
	void healthReportsTheDatabaseProduct() {
		runner().run((context) -> {
			CompositeReactiveHealthContributor tortoise = context.getBean("tortoiseHealthContributor",
					CompositeReactiveHealthContributor.class);
			Health health = ((ReactiveHealthIndicator) tortoise.getContributor("default")).health().block();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails().get("database").toString()).containsIgnoringCase(productName());
		});
		this.db.awaitNoSessions();
	}

	@Test
	void aStartThatFailsAfterTheSchemaEndsEverySession() {
		// The pool's initial connections are open by the time the later bean fails.
		runner().withPropertyValues("tortoise.connections.default.pool.initial-size=2")
			.withBean("failing", Object.class, () -> {
				throw new IllegalStateException("a later bean fails");
			}, (definition) -> definition.setDependsOn("tortoiseContext"))
			.run((context) -> assertThat(context).hasFailed());
		this.db.awaitNoSessions();
	}

	@Test
	void aFailingSchemaGenerationEndsEverySession() {
		runner().run((context) -> assertThat(context).hasNotFailed());
		runner().withPropertyValues("tortoise.generate-schemas=create").run((context) -> {
			assertThat(TortoiseAutoConfigurationTests.cause(context.getStartupFailure(), OperationalException.class))
				.hasMessageContaining("connection \"default\"");
		});
		this.db.awaitNoSessions();
	}

	@Test
	void aConfigurationMistakeOpensNoSession() {
		runner().withPropertyValues("tortoise.apps.models.default-connection=elsewhere").run((context) -> {
			assertThat(TortoiseAutoConfigurationTests.cause(context.getStartupFailure(), ConfigurationException.class))
				.hasMessageContaining("\"elsewhere\"");
			assertThat(this.db.openSessions()).isZero();
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class Services {

		@Bean
		TeamService teamService(TortoiseContext tortoise) {
			return new TeamService(tortoise);
		}

	}

	static class TeamService {

		private final TortoiseContext tortoise;

		TeamService(TortoiseContext tortoise) {
			this.tortoise = tortoise;
		}

		/** {@code rows} teams named {@code prefix-n}, several inserts in flight at once. */
		@Transactional
		public Mono<Void> createMany(String prefix, int rows) {
			return createMany(this.tortoise, prefix, rows);
		}

		static Mono<Void> createMany(TortoiseContext tortoise, String prefix, int rows) {
			return Flux.range(0, rows).flatMap((i) -> tortoise.create(new Team(prefix + "-" + i)), 8).then();
		}

		@Transactional
		public Mono<Void> createTwoThenFail() {
			return this.tortoise.create(new Team("x"))
				.then(this.tortoise.create(new Team("y")))
				.then(Mono.error(new IllegalStateException("failed after two")));
		}

	}

}


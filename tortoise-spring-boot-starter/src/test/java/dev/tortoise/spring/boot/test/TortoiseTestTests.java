package dev.tortoise.spring.boot.test;

import java.util.concurrent.atomic.AtomicReference;

import dev.tortoise.TortoiseContext;
import dev.tortoise.testing.Sql;
import dev.tortoise.testmodels.query.Team;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.reactive.TransactionalOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/** Runs a {@link TortoiseTest @TortoiseTest} class and checks what it saw and what it left. */
class TortoiseTestTests {

	@Test
	void theSliceStartsTortoiseOnlyGeneratesTheSchemaAndClosesAfterTheClass() {
		Slice.seen.set(null);
		Events events = EngineTestKit.engine("junit-jupiter")
			.configurationParameter("junit.jupiter.conditions.deactivate", "org.junit.*DisabledCondition")
			.selectors(selectClass(Slice.class))
			.execute()
			.testEvents();
		assertThat(events.failed().stream().map((event) -> event.getPayload(TestExecutionResult.class)
			.flatMap(TestExecutionResult::getThrowable).map(Throwable::toString).orElse("?"))).isEmpty();
		events.assertStatistics((stats) -> stats.started(2).succeeded(2));
		assertThat(Slice.seen.get()).isNotNull();
		assertThat(Slice.seen.get().isClosed()).as("closed after the test class").isTrue();
	}

	@TortoiseTest(properties = { "tortoise.connections.default=h2://:memory:",
			"tortoise.apps.models.models=dev.tortoise.testmodels.query" })
	@org.junit.jupiter.api.Disabled("run by TortoiseTestTests")
	static class Slice {

		static final AtomicReference<TortoiseContext> seen = new AtomicReference<>();

		@Autowired
		TortoiseContext tortoise;

		@Autowired
		ApplicationContext context;

		@Test
		void onlyTortoiseRoutersAndTransactions() {
			seen.set(this.tortoise);
			assertThat(this.context.getBeansOfType(SliceTestComponents.TeamRouter.class)).hasSize(1);
			assertThat(this.context.getBeansOfType(SliceTestComponents.WebController.class)).isEmpty();
			assertThat(this.tortoise.config().routers()).hasSize(1);
			assertThat(this.context.getBeansOfType(TransactionalOperator.class)).hasSize(1);
		}

		@Test
		void theSchemaIsThere() {
			assertThat(Sql.column(this.tortoise.connections().get("default"),
					"SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")).contains("team");
			this.tortoise.create(new Team("slice")).block();
			assertThat(this.tortoise.objects(Team.class).count().block()).isPositive();
		}

	}

}

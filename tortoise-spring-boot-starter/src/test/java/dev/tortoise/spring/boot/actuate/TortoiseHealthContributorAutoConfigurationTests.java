package dev.tortoise.spring.boot.actuate;

import dev.tortoise.spring.boot.TortoiseAutoConfiguration;
import dev.tortoise.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthContributor;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class TortoiseHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TortoiseAutoConfiguration.class,
				TortoiseHealthContributorAutoConfiguration.class))
		.withPropertyValues("tortoise.connections.default=h2://:memory:",
				"tortoise.apps.models.models=dev.tortoise.testmodels.query");

	@Test
	void oneComponentPerConnectionWithTheDatabaseProduct() {
		this.runner.withPropertyValues("tortoise.connections.audit.url=h2://:memory:",
				"tortoise.connections.audit.pool.validation-query=SELECT 1").run((context) -> {
					CompositeReactiveHealthContributor tortoise = context.getBean("tortoiseHealthContributor",
							CompositeReactiveHealthContributor.class);
					Health health = indicator(tortoise, "default").health().block();
					assertThat(health.getStatus()).isEqualTo(Status.UP);
					assertThat(health.getDetails()).containsEntry("database", "H2").containsEntry("engine", "h2")
						.containsEntry("validationQuery", "validate(REMOTE)").containsEntry("result", true)
						.containsKey("version");
					Health audit = indicator(tortoise, "audit").health().block();
					assertThat(audit.getStatus()).isEqualTo(Status.UP);
					assertThat(audit.getDetails()).containsEntry("validationQuery", "SELECT 1");
					TestDatabase.awaitReleased(context.getBean(dev.tortoise.TortoiseContext.class).connections().pool("default"));
				});
	}

	@Test
	void anUnreachableDatabaseIsDownWithoutItsPassword() {
		this.runner.withPropertyValues("tortoise.connections.broken.url=postgres://app:s3cret@127.0.0.1:1/db",
				"tortoise.connections.broken.pool.max-acquire-time=5s").run((context) -> {
					Health health = indicator(context.getBean("tortoiseHealthContributor",
							CompositeReactiveHealthContributor.class), "broken").health().block();
					assertThat(health.getStatus()).isEqualTo(Status.DOWN);
					assertThat(health.getDetails()).containsKey("error");
					assertThat(health.toString()).doesNotContain("s3cret");
				});
	}

	@Test
	void canBeTurnedOff() {
		this.runner.withPropertyValues("management.health.tortoise.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("tortoiseHealthContributor"));
	}

	@Test
	void aUsersContributorOfTheSameNameWins() {
		ReactiveHealthIndicator own = () -> reactor.core.publisher.Mono.just(Health.up().build());
		this.runner.withBean("tortoiseHealthContributor", ReactiveHealthContributor.class, () -> own)
			.run((context) -> assertThat(context.getBean("tortoiseHealthContributor")).isSameAs(own));
	}

	@Test
	void withoutSpringBootsHealthSupportThereIsNoContributor() {
		this.runner.withClassLoader(new FilteredClassLoader(ReactiveHealthContributor.class))
			.run((context) -> assertThat(context).doesNotHaveBean("tortoiseHealthContributor"));
	}

	@Test
	void withoutATortoiseContextThereIsNoContributor() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(TortoiseHealthContributorAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean("tortoiseHealthContributor"));
	}

	private static ReactiveHealthIndicator indicator(CompositeReactiveHealthContributor composite, String name) {
		return (ReactiveHealthIndicator) composite.getContributor(name);
	}

}

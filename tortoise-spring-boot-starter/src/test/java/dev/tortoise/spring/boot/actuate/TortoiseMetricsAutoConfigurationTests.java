package dev.tortoise.spring.boot.actuate;

import dev.tortoise.TortoiseContext;
import dev.tortoise.spring.boot.TortoiseAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.r2dbc.spi.Connection;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class TortoiseMetricsAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TortoiseAutoConfiguration.class, TortoiseMetricsAutoConfiguration.class))
		.withPropertyValues("tortoise.connections.default=h2://:memory:?maxsize=4",
				"tortoise.connections.audit=h2://:memory:", "tortoise.apps.models.models=dev.tortoise.testmodels.query");

	@Test
	void gaugesPerConnectionFollowThePool() {
		this.runner.run((context) -> {
			MeterRegistry registry = new SimpleMeterRegistry();
			context.getBean("tortoisePoolMetrics", MeterBinder.class).bindTo(registry);
			TortoiseContext tortoise = context.getBean(TortoiseContext.class);
			assertThat(gauge(registry, "tortoise.pool.max.allocated", "default")).isEqualTo(4);
			assertThat(gauge(registry, "tortoise.pool.max.allocated", "audit")).isEqualTo(5);
			double inUse = Mono.usingWhen(Mono.from(tortoise.connections().get("default").create()),
					(Connection c) -> Mono.fromCallable(() -> gauge(registry, "tortoise.pool.acquired", "default")),
					Connection::close)
				.block();
			assertThat(inUse).isEqualTo(1);
			assertThat(gauge(registry, "tortoise.pool.acquired", "default")).isZero();
			assertThat(gauge(registry, "tortoise.pool.idle", "default")).isEqualTo(1);
			assertThat(gauge(registry, "tortoise.pool.pending", "default")).isZero();
			assertThat(registry.find("tortoise.pool.acquired").gauges()).hasSize(2);
		});
	}

	@Test
	void withoutMicrometerThereAreNoGauges() {
		this.runner.withClassLoader(new FilteredClassLoader(MeterBinder.class))
			.run((context) -> assertThat(context).doesNotHaveBean("tortoisePoolMetrics"));
	}

	@Test
	void aUsersBinderOfTheSameNameWins() {
		MeterBinder own = (registry) -> {
		};
		this.runner.withBean("tortoisePoolMetrics", MeterBinder.class, () -> own)
			.run((context) -> assertThat(context.getBean("tortoisePoolMetrics")).isSameAs(own));
	}

	private static double gauge(MeterRegistry registry, String name, String connection) {
		return registry.get(name).tag("connection", connection).gauge().value();
	}

}

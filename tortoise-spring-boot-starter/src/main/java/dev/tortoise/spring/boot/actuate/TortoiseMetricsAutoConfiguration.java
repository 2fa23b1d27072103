package dev.tortoise.spring.boot.actuate;

import dev.tortoise.TortoiseContext;
import dev.tortoise.spring.boot.TortoiseAutoConfiguration;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer gauges of Tortoise's pools ({@code tortoise.pool.*}, tagged
 * {@code connection}), when Micrometer is present; Spring Boot binds them to every
 * {@code MeterRegistry}.
 */
@AutoConfiguration(after = TortoiseAutoConfiguration.class)
@ConditionalOnClass({ MeterBinder.class, TortoiseContext.class })
@ConditionalOnBean(TortoiseContext.class)
public final class TortoiseMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "tortoisePoolMetrics")
	MeterBinder tortoisePoolMetrics(TortoiseContext context) {
		return new PoolMeterBinder(context.connections());
	}

}

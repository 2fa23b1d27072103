package dev.tortoise.spring.boot.actuate;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.tortoise.TortoiseContext;
import dev.tortoise.spring.boot.TortoiseAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.boot.health.contributor.ReactiveHealthContributor;
import org.springframework.context.annotation.Bean;

/**
 * Health contributor {@code tortoise} with one component per connection, when Spring
 * Boot's health support is present. Turn it off with
 * {@code management.health.tortoise.enabled=false}.
 */
@AutoConfiguration(after = TortoiseAutoConfiguration.class,
		beforeName = "org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration")
@ConditionalOnClass({ ReactiveHealthContributor.class, TortoiseContext.class })
@ConditionalOnBean(TortoiseContext.class)
@ConditionalOnEnabledHealthIndicator("tortoise")
public final class TortoiseHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = { "tortoiseHealthIndicator", "tortoiseHealthContributor" })
	ReactiveHealthContributor tortoiseHealthContributor(TortoiseContext context) {
		Map<String, ReactiveHealthContributor> components = new LinkedHashMap<>();
		for (String name : context.connections().names()) {
			components.put(name, new ConnectionHealthIndicator(context.connections(), name));
		}
		return CompositeReactiveHealthContributor.fromMap(components);
	}

}

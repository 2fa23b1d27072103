package dev.tortoise.spring.boot.actuate;

import dev.tortoise.TortoiseContext;
import dev.tortoise.spring.boot.TortoiseAutoConfiguration;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** The {@code tortoise} actuator endpoint, when the actuator is present and the endpoint is exposed. */
@AutoConfiguration(after = TortoiseAutoConfiguration.class)
@ConditionalOnClass({ ConditionalOnAvailableEndpoint.class, TortoiseContext.class })
@ConditionalOnBean(TortoiseContext.class)
@ConditionalOnAvailableEndpoint(TortoiseEndpoint.class)
public final class TortoiseEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	TortoiseEndpoint tortoiseEndpoint(TortoiseContext context) {
		return new TortoiseEndpoint(context);
	}

}

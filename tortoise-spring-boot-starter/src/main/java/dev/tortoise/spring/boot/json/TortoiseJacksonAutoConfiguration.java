package dev.tortoise.spring.boot.json;

import dev.tortoise.TortoiseContext;
import dev.tortoise.spring.boot.TortoiseAutoConfiguration;
import tools.jackson.databind.JacksonModule;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * The {@link TortoiseJacksonModule} as a bean, which Spring Boot's Jackson auto-configuration
 * adds to the application's JSON mapper; {@code tortoise.json.enabled=false} turns it off.
 */
@AutoConfiguration(after = TortoiseAutoConfiguration.class,
		beforeName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnClass({ JacksonModule.class, TortoiseContext.class })
@ConditionalOnBean(TortoiseContext.class)
@ConditionalOnProperty(prefix = "tortoise.json", name = "enabled", havingValue = "true", matchIfMissing = true)
public final class TortoiseJacksonAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	TortoiseJacksonModule tortoiseJacksonModule(ObjectProvider<TortoiseContext> context) {
		// Resolved at the first model written: the mapper can be built before the context is.
		return new TortoiseJacksonModule(() -> context.getObject().apps());
	}

}

package dev.tortoise.spring.boot.web;

import dev.tortoise.TortoiseContext;
import dev.tortoise.spring.boot.TortoiseAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ProblemDetail;

/**
 * Tortoise's exceptions as problem details in WebFlux and MVC applications
 * ({@link TortoiseProblemDetails}); {@code tortoise.problem-details.enabled=false} turns it off.
 */
@AutoConfiguration(after = TortoiseAutoConfiguration.class)
@ConditionalOnClass({ ProblemDetail.class, TortoiseContext.class })
@ConditionalOnWebApplication
@ConditionalOnProperty(prefix = "tortoise.problem-details", name = "enabled", havingValue = "true", matchIfMissing = true)
public final class TortoiseProblemDetailsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	TortoiseProblemDetails tortoiseProblemDetails() {
		return new TortoiseProblemDetails();
	}

}

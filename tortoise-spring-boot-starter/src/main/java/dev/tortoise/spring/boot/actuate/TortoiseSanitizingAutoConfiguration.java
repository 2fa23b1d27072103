package dev.tortoise.spring.boot.actuate;

import java.util.Locale;

import dev.tortoise.config.DbUrl;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Keeps database passwords out of the {@code env} and {@code configprops} endpoints whatever
 * their {@code show-values} setting: the password inside {@code tortoise.*} URLs is masked as
 * in Tortoise's own messages, and any {@code tortoise.*} password property is replaced.
 * Spring Boot applies sanitizing functions exactly when it would otherwise show values.
 */
@AutoConfiguration
@ConditionalOnClass({ SanitizingFunction.class, DbUrl.class })
public final class TortoiseSanitizingAutoConfiguration {

	/** What a masked password reads as. */
	static final String MASK = "******";

	@Bean
	@ConditionalOnMissingBean(name = "tortoiseSanitizingFunction")
	SanitizingFunction tortoiseSanitizingFunction() {
		return TortoiseSanitizingAutoConfiguration::sanitize;
	}

	static SanitizableData sanitize(SanitizableData data) {
		// TORTOISE_CONNECTIONS_DEFAULT_URL and tortoise.connections.default.url alike.
		String key = data.getKey().toLowerCase(Locale.ROOT).replace('_', '.').replace("-", "");
		if (!key.startsWith("tortoise.") || !(data.getValue() instanceof CharSequence text)) {
			return data;
		}
		if (key.contains("password")) {
			return data.withValue(MASK);
		}
		String value = text.toString();
		String masked = value.contains("://") || value.startsWith("r2dbc:") ? DbUrl.mask(value) : value;
		return masked.equals(value) ? data : data.withValue(masked);
	}

}

package dev.tortoise.spring.boot.actuate;

import java.util.Map;

import dev.tortoise.spring.boot.TortoiseAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class TortoiseEndpointAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TortoiseAutoConfiguration.class, TortoiseEndpointAutoConfiguration.class))
		.withPropertyValues("tortoise.connections.default=h2://:memory:",
				"tortoise.connections.audit=postgres://app:s3cret@127.0.0.1:5432/audit",
				"tortoise.apps.models.models=dev.tortoise.testmodels.query");

	@Test
	void notAvailableUntilExposed() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(TortoiseEndpoint.class));
	}

	@Test
	@SuppressWarnings("unchecked")
	void describesAppsModelsAndMaskedConnections() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=tortoise").run((context) -> {
			Map<String, Object> description = context.getBean(TortoiseEndpoint.class).describe();
			assertThat(description).containsOnlyKeys("apps", "connections", "models");
			assertThat(description.get("apps").toString()).contains("models").contains("defaultConnection=default");
			assertThat(((Map<String, Object>) description.get("models")).keySet()).contains("models.Tournament");
			assertThat(((Map<String, Object>) description.get("connections")).keySet()).containsExactly("default", "audit");
			assertThat(description.toString()).doesNotContain("s3cret");
		});
	}

}

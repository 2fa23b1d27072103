package dev.tortoise.spring.boot.actuate;

import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.env.EnvironmentEndpointAutoConfiguration;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class TortoiseSanitizingAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EndpointAutoConfiguration.class,
				EnvironmentEndpointAutoConfiguration.class, TortoiseSanitizingAutoConfiguration.class))
		.withPropertyValues("management.endpoints.web.exposure.include=env",
				"management.endpoint.env.show-values=always",
				"tortoise.connections.default.url=postgres://app:s3cret@db:5432/shop",
				"tortoise.connections.audit.credentials.password=hunter2", "tortoise.generate-schemas=safe");

	@Test
	void passwordsStayMaskedInTheEnvEndpointEvenWhenItShowsValues() {
		this.runner.run((context) -> {
			EnvironmentEndpoint env = context.getBean(EnvironmentEndpoint.class);
			assertThat(env.environmentEntry("tortoise.connections.default.url").getProperty().getValue())
				.isEqualTo("postgres://app:******@db:5432/shop");
			assertThat(env.environmentEntry("tortoise.connections.audit.credentials.password").getProperty().getValue())
				.isEqualTo("******");
			assertThat(env.environmentEntry("tortoise.generate-schemas").getProperty().getValue())
				.as("other values still shown").isEqualTo("safe");
		});
	}

	@Test
	void environmentVariablesAreMaskedToo() {
		SanitizableData data = new SanitizableData(null, "TORTOISE_DB_URL", "mysql://root:pw@localhost/test");
		assertThat(TortoiseSanitizingAutoConfiguration.sanitize(data).getValue()).isEqualTo("mysql://root:******@localhost/test");
		SanitizableData other = new SanitizableData(null, "spring.application.name", "shop://x:y@z");
		assertThat(TortoiseSanitizingAutoConfiguration.sanitize(other).getValue()).as("not ours").isEqualTo("shop://x:y@z");
	}

	@Test
	void backsOffForAFunctionOfTheSameName() {
		this.runner.withBean("tortoiseSanitizingFunction", org.springframework.boot.actuate.endpoint.SanitizingFunction.class,
				() -> (data) -> data)
			.run((context) -> assertThat(context.getBean(EnvironmentEndpoint.class)
				.environmentEntry("tortoise.connections.default.url").getProperty().getValue())
				.isEqualTo("postgres://app:s3cret@db:5432/shop"));
	}

}

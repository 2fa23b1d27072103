package dev.tortoise.spring.boot;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.tortoise.exceptions.ConfigurationException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UnknownPropertiesTests {

	private static StandardEnvironment environment(String... pairs) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (String pair : pairs) {
			int eq = pair.indexOf('=');
			map.put(pair.substring(0, eq), pair.substring(eq + 1));
		}
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("test", map));
		return environment;
	}

	@Test
	void everyPropertyTortoiseBindsPasses() {
		assertThatCode(() -> UnknownProperties.check(environment("tortoise.connections.default=h2://./data/app",
				"tortoise.connections.audit.url=postgres://u@h/db", "tortoise.connections.audit.engine=postgres",
				"tortoise.connections.audit.credentials.password=x", "tortoise.connections.audit.pool.max-size=4",
				"tortoise.connections.audit.pool.statementTimeout=5s", "tortoise.apps.blog.models[0]=com.example",
				"tortoise.apps.blog.default-connection=audit", "tortoise.routers[0]=com.example.Router",
				"tortoise.use-tz=true", "tortoise.useTz=true", "tortoise.timezone=UTC", "tortoise.max-relation-depth=3",
				"tortoise.generate-schemas=safe", "tortoise.config-file=classpath:t.json", "tortoise.db-url=h2://x",
				"tortoise.modules.models[0]=com.example", "tortoise.problem-details.enabled=false",
				"tortoisex.anything=1")))
			.doesNotThrowAnyException();
	}

	@Test
	void aMisspeltPropertyIsNamedWithTheNearestValidOne() {
		assertThatThrownBy(() -> UnknownProperties.check(environment("tortoise.conections.default.url=h2://x")))
			.isInstanceOf(ConfigurationException.class)
			.hasMessageStartingWith("Unknown property tortoise.conections.default.url: tortoise has no \"conections\".")
			.hasMessageContaining("Did you mean tortoise.connections?");
		assertThatThrownBy(() -> UnknownProperties.check(environment("tortoise.generate-schema=safe")))
			.hasMessageContaining("Did you mean tortoise.generate-schemas?");
		assertThatThrownBy(() -> UnknownProperties.check(environment("tortoise.apps.blog.model=com.example")))
			.hasMessageContaining("tortoise.apps.blog has no \"model\". Did you mean tortoise.apps.blog.models?")
			.hasMessageContaining("Valid here: default-connection, models.");
		assertThatThrownBy(() -> UnknownProperties.check(environment("tortoise.connections.a.pool.max-sise=3")))
			.hasMessageContaining("Did you mean tortoise.connections.a.pool.max-size?");
		assertThatThrownBy(() -> UnknownProperties.check(environment("tortoise.timezone.name=UTC")))
			.hasMessageContaining("timezone takes a value, not properties below it");
		assertThatThrownBy(() -> UnknownProperties.check(environment("tortoise.zzzzzzzz=1")))
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("Did you mean"));
	}

	@Test
	void environmentVariablesAreNotChecked() {
		StandardEnvironment environment = environment();
		environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource(
				StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of("TORTOISE_HOME", "/opt/turtle")));
		assertThatCode(() -> UnknownProperties.check(environment)).doesNotThrowAnyException();
	}

	@Test
	void aTypoStopsTheStartWithTheProblemNamed() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(TortoiseAutoConfiguration.class))
			.withPropertyValues("tortoise.connections.default=h2://:memory:", "tortoise.apps.models.models=x.y",
					"tortoise.generate-schema=safe")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(ConfigurationException.class)
				.hasMessageContaining("Did you mean tortoise.generate-schemas?"));
	}

}

package dev.tortoise.spring.boot;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class EnvironmentConnectionsTests {

	@Test
	void aVariableThatCannotNameAnUnderscoredConnectionIsReportedWithTheWayOut() {
		StandardEnvironment environment = withVariables(Map.of("TORTOISE_CONNECTIONS_ANOTHERCONN_URL", "h2://:memory:"));
		List<String> mistakes = EnvironmentConnections.mistakes(environment, List.of("default", "another_conn", "anotherconn"));
		assertThat(mistakes).singleElement().asString()
			.contains("\"anotherconn\"", "TORTOISE_CONNECTIONS_ANOTHERCONN_URL", "\"another_conn\"",
					"SPRING_APPLICATION_JSON={\"tortoise\":{\"connections\":{\"another_conn\"");
	}

	@Test
	void connectionsThatOnlyPropertiesNameAreNoMistake() {
		StandardEnvironment environment = withVariables(Map.of("TORTOISE_CONNECTIONS_DEFAULT_URL", "h2://:memory:"));
		assertThat(EnvironmentConnections.mistakes(environment, List.of("default", "another_conn", "anotherconn")))
			.isEmpty();
		assertThat(EnvironmentConnections.mistakes(environment, List.of("default", "another_conn"))).isEmpty();
	}

	@Test
	void theStartWarnsAboutIt(CapturedOutput output) {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(TortoiseAutoConfiguration.class, TransactionAutoConfiguration.class))
			.withInitializer((context) -> context.getEnvironment().getPropertySources()
				.addFirst(new SystemEnvironmentPropertySource("systemEnvironment",
						Map.of("TORTOISE_CONNECTIONS_ANOTHERCONN_URL", "h2://:memory:"))))
			.withPropertyValues("tortoise.connections.default=h2://:memory:",
					"tortoise.connections[another_conn].url=h2://:memory:",
					"tortoise.apps.models.models=dev.tortoise.testmodels.query")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(output).contains("WARN").contains("Connection \"anotherconn\" comes from the environment variable");
			});
	}

	private static StandardEnvironment withVariables(Map<String, Object> variables) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("test-variables", variables));
		return environment;
	}

}

package dev.tortoise.spring.boot;

import dev.tortoise.exceptions.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

@ExtendWith(OutputCaptureExtension.class)
class TortoiseFailureAnalyzerTests {

	@Test
	void describesTheMistakeAndSaysWhatToChange() {
		ConfigurationException cause = new ConfigurationException("App \"models\" uses default connection \"missing\","
				+ " which is not configured. Configured connections: default.");
		FailureAnalysis analysis = new TortoiseFailureAnalyzer()
			.analyze(new BeanCreationException("tortoiseContext", "Failed", cause));
		assertThat(analysis.getDescription()).contains("App \"models\"").contains("\"missing\"");
		assertThat(analysis.getAction()).contains("tortoise.apps");
		assertThat(analysis.getCause()).isSameAs(cause);
	}

	@Test
	void aStartWithBadConfigurationPrintsTheReportNamingTheCulprit(CapturedOutput output) {
		SpringApplication application = new SpringApplication(BadlyConfigured.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatException().isThrownBy(() -> application.run("--tortoise.connections.default=h2://:memory:",
				"--tortoise.connections.audit=oracle://scott:tiger@db/orcl",
				"--tortoise.apps.models.models=dev.tortoise.testmodels.query"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Tortoise could not be set up: Connection \"audit\"")
			.contains("Action:")
			.doesNotContain("tiger");
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class BadlyConfigured {

	}

}

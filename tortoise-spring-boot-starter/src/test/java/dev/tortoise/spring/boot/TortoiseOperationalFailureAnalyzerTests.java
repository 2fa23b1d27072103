package dev.tortoise.spring.boot;

import java.io.IOException;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

@ExtendWith(OutputCaptureExtension.class)
class TortoiseOperationalFailureAnalyzerTests {

	@Test
	void aStartThatCannotReachItsDatabasePrintsTheReportNamingTheConnection(CapturedOutput output) throws IOException {
		int closed;
		try (ServerSocket socket = new ServerSocket(0)) {
			closed = socket.getLocalPort(); // nothing listens there once the socket is closed
		}
		SpringApplication application = new SpringApplication(Unreachable.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatException().isThrownBy(() -> application.run(
				"--tortoise.connections.default=postgres://app:hunter2@127.0.0.1:" + closed + "/shop",
				"--tortoise.apps.models.models=dev.tortoise.testmodels.query", "--tortoise.generate-schemas=safe"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Tortoise could not use its database at start-up")
			.contains("connection \"default\"")
			.contains("Action:")
			.doesNotContain("hunter2");
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Unreachable {

	}

}

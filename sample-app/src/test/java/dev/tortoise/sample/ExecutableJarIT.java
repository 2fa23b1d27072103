package dev.tortoise.sample;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's command: {@code java -jar sample-app/target/sample-app.jar}. Models are
 * discovered inside the executable jar, the SQLite files land in ./data/, and a second start on
 * the same files keeps the rows (safe schema generation on every start).
 */
class ExecutableJarIT {

	@Test
	void runsFromTheJarAndKeepsItsDataAcrossRestarts(@TempDir Path workDir) throws Exception {
		Path jar = Path.of(System.getProperty("sample.jar", "target/sample-app.jar")).toAbsolutePath();
		assertThat(jar).exists();
		int port = RunningJar.freePort();
		try (RunningJar first = RunningJar.start(jar, workDir, port)) {
			awaitHealthy(first);
			HttpResponse<String> created = first.send(HttpRequest.newBuilder(first.uri("/tournaments"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"From the jar\"}")));
			assertThat(created.statusCode()).isEqualTo(201);
		}
		assertThat(workDir.resolve("data")).isDirectory();
		assertThat(Files.list(workDir.resolve("data")).map((p) -> p.getFileName().toString()))
			.contains("tournaments.sqlite3", "audit.sqlite3");
		try (RunningJar second = RunningJar.start(jar, workDir, port)) {
			awaitHealthy(second);
			HttpResponse<String> list = second.send(HttpRequest.newBuilder(second.uri("/tournaments")).GET());
			assertThat(list.body()).contains("From the jar");
			HttpResponse<String> health = second.send(HttpRequest.newBuilder(second.uri("/actuator/health")).GET());
			assertThat(health.body()).contains("\"tortoise\"").contains("\"audit\"").contains("\"default\"");
		}
	}

	private static void awaitHealthy(RunningJar app) throws InterruptedException {
		app.awaitAnswer("/actuator/health", (health) -> health.statusCode() == 200 && health.body().contains("\"UP\""));
	}

}

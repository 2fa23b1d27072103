package dev.tortoise.sample;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's migration commands on the executable jar: a baseline command that writes each
 * connection's first migration and ends by itself, the "migrations" profile applying them to
 * new databases before the application serves, and a make command with nothing to change.
 */
class MigrationsJarIT {

	@Test
	void baselineThenMigratedStartThenNothingToMake(@TempDir Path workDir) throws Exception {
		Path jar = Path.of(System.getProperty("sample.jar", "target/sample-app.jar")).toAbsolutePath();
		String folder = "--tortoise.migrations.folder=migrations/{connection}";
		String location = "--tortoise.migrations.location=filesystem:migrations/{connection}";

		assertThat(RunningJar.run(jar, workDir, "--spring.profiles.active=migrations", folder,
				"--tortoise.migrations.baseline=true")).as("the command ends by itself, successfully").isZero();
		Path baseline = workDir.resolve("migrations/default/V1__baseline.sql");
		assertThat(Files.readString(baseline)).contains("CREATE TABLE \"tournament\"").contains("CREATE TABLE \"event\"");
		assertThat(workDir.resolve("migrations/audit/V1__baseline.sql")).exists();

		int port = RunningJar.freePort();
		try (RunningJar app = RunningJar.start(jar, workDir, port, "--spring.profiles.active=migrations", location)) {
			app.awaitAnswer("/actuator/health", (health) -> health.statusCode() == 200 && health.body().contains("\"UP\""));
			HttpResponse<String> created = app.send(HttpRequest.newBuilder(app.uri("/tournaments"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Migrated\"}")));
			assertThat(created.statusCode()).isEqualTo(201);
		}

		assertThat(RunningJar.run(jar, workDir, "--spring.profiles.active=migrations", folder, location,
				"--tortoise.migrations.make=nothing_new")).isZero();
		try (var files = Files.list(workDir.resolve("migrations/default"))) {
			assertThat(files.map((f) -> f.getFileName().toString())).containsExactly("V1__baseline.sql");
		}
	}

}

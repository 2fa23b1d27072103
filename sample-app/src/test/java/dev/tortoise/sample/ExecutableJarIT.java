package dev.tortoise.sample;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's command: {@code java -jar sample-app/target/sample-app.jar}. Models are
 * discovered inside the executable jar, the SQLite files land in ./data/, and a second start on
 * the same files keeps the rows (safe schema generation on every start).
 */
class ExecutableJarIT {

	private static final Duration START = Duration.ofMinutes(2);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Test
	void runsFromTheJarAndKeepsItsDataAcrossRestarts(@TempDir Path workDir) throws Exception {
		Path jar = Path.of(System.getProperty("sample.jar", "target/sample-app.jar")).toAbsolutePath();
		assertThat(jar).exists();
		int port = freePort();
		Process first = start(jar, workDir, port);
		try {
			awaitHealthy(port, first);
			HttpResponse<String> created = send(port, HttpRequest.newBuilder(uri(port, "/tournaments"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"From the jar\"}")));
			assertThat(created.statusCode()).isEqualTo(201);
		}
		finally {
			stop(first);
		}
		assertThat(workDir.resolve("data")).isDirectory();
		assertThat(Files.list(workDir.resolve("data")).map((p) -> p.getFileName().toString()))
			.contains("tournaments.sqlite3", "audit.sqlite3");
		Process second = start(jar, workDir, port);
		try {
			awaitHealthy(port, second);
			HttpResponse<String> list = send(port, HttpRequest.newBuilder(uri(port, "/tournaments")).GET());
			assertThat(list.body()).contains("From the jar");
			HttpResponse<String> health = send(port, HttpRequest.newBuilder(uri(port, "/actuator/health")).GET());
			assertThat(health.body()).contains("\"tortoise\"").contains("\"audit\"").contains("\"default\"");
		}
		finally {
			stop(second);
		}
	}

	private static Process start(Path jar, Path workDir, int port) throws IOException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		return new ProcessBuilder(java, "-jar", jar.toString(), "--server.port=" + port)
			.directory(workDir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(workDir.resolve("app-" + port + "-" + System.nanoTime() + ".log").toFile())
			.start();
	}

	/** Polls the health endpoint until the application answers UP; fails if it exits or takes too long. */
	private void awaitHealthy(int port, Process process) throws InterruptedException {
		Instant deadline = Instant.now().plus(START);
		while (Instant.now().isBefore(deadline)) {
			assertThat(process.isAlive()).as("the application exited while starting").isTrue();
			try {
				HttpResponse<String> health = send(port, HttpRequest.newBuilder(uri(port, "/actuator/health")).GET());
				if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			process.waitFor(200, TimeUnit.MILLISECONDS);
		}
		throw new AssertionError("The application did not become healthy within " + START);
	}

	private static void stop(Process process) throws InterruptedException {
		process.destroy();
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			process.destroyForcibly().waitFor();
			throw new AssertionError("The application did not shut down within 60 seconds of SIGTERM");
		}
	}

	private HttpResponse<String> send(int port, HttpRequest.Builder request) throws IOException, InterruptedException {
		return this.http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private static URI uri(int port, String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}

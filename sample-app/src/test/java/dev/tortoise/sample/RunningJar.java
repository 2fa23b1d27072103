package dev.tortoise.sample;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** An executable Spring Boot jar started with {@code java -jar} on a free port, as a user starts it. */
final class RunningJar implements AutoCloseable {

	private static final Duration START = Duration.ofMinutes(2);

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final Process process;

	private final int port;

	private RunningJar(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	/** Starts the jar in a working directory, its output in a log file there. */
	static RunningJar start(Path jar, Path workDir, int port) throws IOException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process process = new ProcessBuilder(java, "-jar", jar.toString(), "--server.port=" + port)
			.directory(workDir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(workDir.resolve("app-" + port + "-" + System.nanoTime() + ".log").toFile())
			.start();
		return new RunningJar(process, port);
	}

	/** Polls a path until its answer passes; fails if the application exits or takes too long. */
	void awaitAnswer(String path, Predicate<HttpResponse<String>> ready) throws InterruptedException {
		Instant deadline = Instant.now().plus(START);
		while (Instant.now().isBefore(deadline)) {
			assertThat(this.process.isAlive()).as("the application exited while starting").isTrue();
			try {
				if (ready.test(send(HttpRequest.newBuilder(uri(path)).GET()))) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			this.process.waitFor(200, TimeUnit.MILLISECONDS);
		}
		throw new AssertionError("The application did not answer " + path + " as expected within " + START);
	}

	HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
	}

	URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	/** Stops the application with SIGTERM, as a user's Ctrl-C does; fails if it does not stop within a minute. */
	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(60, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor();
			throw new AssertionError("The application did not shut down within 60 seconds of SIGTERM");
		}
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}

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
import java.util.ArrayList;
import java.util.List;
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
	static RunningJar start(Path jar, Path workDir, int port, String... args) throws IOException {
		return new RunningJar(process(jar, workDir, "--server.port=" + port, args), port);
	}

	/**
	 * Runs the jar as a command that ends by itself (a migration command), in a working
	 * directory; fails if it does not end within two minutes.
	 * @return its exit code
	 */
	static int run(Path jar, Path workDir, String... args) throws IOException, InterruptedException {
		Process process = process(jar, workDir, "--server.port=0", args);
		if (!process.waitFor(START.toSeconds(), TimeUnit.SECONDS)) {
			process.destroyForcibly().waitFor();
			throw new AssertionError("The command " + String.join(" ", args) + " did not end within " + START);
		}
		return process.exitValue();
	}

	private static Process process(Path jar, Path workDir, String port, String... args) throws IOException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = new ArrayList<>(List.of(java, "-jar", jar.toString(), port));
		command.addAll(List.of(args));
		return new ProcessBuilder(command)
			.directory(workDir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(workDir.resolve("app-" + System.nanoTime() + ".log").toFile())
			.start();
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

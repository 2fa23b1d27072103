package dev.tortoise.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A database server of a test's own, on a port of its own, for faults that must never touch
 * the shared servers: restarted, frozen ({@code SIGSTOP}) and thawed, then removed. Every
 * command is bounded in time. Where the server's tools are missing the test is skipped,
 * unless {@code CI=true}: then it fails.
 */
public abstract class PrivateServer implements AutoCloseable {

	private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

	final int port;

	PrivateServer(int port) {
		this.port = port;
	}

	/** A private PostgreSQL 15 cluster with trust authentication. */
	public static PrivateServer postgres() {
		requireTools("pg_createcluster", "pg_ctlcluster", "pg_dropcluster");
		return new Postgres(freePort(), "tfault_" + UUID.randomUUID().toString().substring(0, 8));
	}

	/** A private MariaDB server with a database {@code test}, root without a password. */
	public static PrivateServer mariadb() {
		requireTools("mariadb-install-db", "mariadbd");
		return new MariaDb(freePort());
	}

	/** The server's URL in Tortoise's format, without pool parameters. */
	public abstract String url();

	/** Stops the server and starts it again, as an administrator's restart does. */
	public abstract void restart();

	/** Freezes every process of the server ({@code SIGSTOP}): connections stay open, nothing answers. */
	public void freeze() {
		signal("STOP");
		// kill returns before every thread has stopped: one still running could answer the next query.
		long deadline = System.nanoTime() + COMMAND_TIMEOUT.toNanos();
		while (!allStopped()) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("The server's threads did not all stop within " + COMMAND_TIMEOUT);
			}
			Thread.onSpinWait();
		}
	}

	/** Whether every thread of every server process is stopped (state T in /proc). */
	private boolean allStopped() {
		for (long pid : pids()) {
			java.io.File[] tasks = new java.io.File("/proc/" + pid + "/task").listFiles();
			if (tasks == null) {
				continue; // not on Linux, or gone: nothing more to wait for
			}
			for (java.io.File task : tasks) {
				try {
					String stat = Files.readString(task.toPath().resolve("stat"));
					char state = stat.charAt(stat.lastIndexOf(')') + 2);
					if (state != 'T' && state != 't' && state != 'Z' && state != 'X') {
						return false;
					}
				}
				catch (IOException ex) {
					// the thread ended meanwhile
				}
			}
		}
		return true;
	}

	/** Lets a frozen server go on ({@code SIGCONT}). */
	public void thaw() {
		signal("CONT");
	}

	abstract List<Long> pids();

	/** Stops the server and removes everything it had. */
	@Override
	public abstract void close();

	private void signal(String signal) {
		for (long pid : pids()) {
			run("kill", "-" + signal, Long.toString(pid));
		}
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void requireTools(String... tools) {
		for (String tool : tools) {
			boolean found = List.of("/usr/bin/", "/usr/sbin/", "/usr/local/bin/").stream()
				.anyMatch((dir) -> Files.isExecutable(Path.of(dir + tool)));
			if (!found) {
				String message = tool + " is not installed, so no private server can be started for fault tests.";
				if ("true".equalsIgnoreCase(System.getenv("CI"))) {
					Assertions.fail(message + " CI=true, so this is a failure, not a skip.");
				}
				Assumptions.abort(message);
			}
		}
	}

	/** Runs a command to its end, bounded in time; fails with its output if it fails. */
	static String run(String... command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(String.join(" ", command) + " did not finish in " + COMMAND_TIMEOUT);
			}
			String output = new String(process.getInputStream().readAllBytes());
			if (process.exitValue() != 0) {
				throw new IllegalStateException(String.join(" ", command) + " failed (" + process.exitValue() + "): " + output);
			}
			return output;
		}
		catch (IOException ex) {
			throw new IllegalStateException(String.join(" ", command) + " could not run: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static List<Long> children(long pid) {
		List<Long> pids = new ArrayList<>();
		ProcessHandle.of(pid).ifPresent((handle) -> handle.descendants().forEach((child) -> pids.add(child.pid())));
		return pids;
	}

	private static final class Postgres extends PrivateServer {

		private final String cluster;

		Postgres(int port, String cluster) {
			super(port);
			this.cluster = cluster;
			run("pg_createcluster", "15", cluster, "--port", Integer.toString(port), "--", "--auth=trust");
			try {
				run("pg_ctlcluster", "--skip-systemctl-redirect", "15", cluster, "start");
			}
			catch (RuntimeException ex) {
				close();
				throw ex;
			}
		}

		@Override
		public String url() {
			return "postgres://postgres@127.0.0.1:" + this.port + "/postgres";
		}

		@Override
		public void restart() {
			run("pg_ctlcluster", "--skip-systemctl-redirect", "15", this.cluster, "restart", "-m", "fast");
		}

		@Override
		List<Long> pids() {
			try {
				long postmaster = Long.parseLong(Files.readAllLines(Path.of("/var/run/postgresql/15-" + this.cluster
						+ ".pid")).get(0).trim());
				List<Long> pids = new ArrayList<>(List.of(postmaster));
				pids.addAll(children(postmaster));
				return pids;
			}
			catch (IOException ex) {
				throw new IllegalStateException("No pid file for cluster " + this.cluster, ex);
			}
		}

		@Override
		public void close() {
			try {
				thaw();
			}
			catch (RuntimeException ex) {
				// not running
			}
			run("pg_dropcluster", "15", this.cluster, "--stop");
		}

	}

	private static final class MariaDb extends PrivateServer {

		private final Path dir;

		private Process server;

		MariaDb(int port) {
			super(port);
			try {
				this.dir = Files.createTempDirectory("tortoise-mariadb-");
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			run("mariadb-install-db", "--no-defaults", "--datadir=" + this.dir.resolve("data"), "--skip-test-db",
					"--auth-root-authentication-method=normal");
			start();
			run("mariadb", "-h127.0.0.1", "-P" + port, "-uroot", "-e", "CREATE DATABASE test");
		}

		private void start() {
			try {
				this.server = new ProcessBuilder("mariadbd", "--no-defaults", "--datadir=" + this.dir.resolve("data"),
						"--port=" + this.port, "--socket=" + this.dir.resolve("mariadb.sock"), "--user=root",
						"--bind-address=127.0.0.1", "--skip-grant-tables", "--skip-name-resolve")
					.redirectErrorStream(true)
					.redirectOutput(this.dir.resolve("server.log").toFile())
					.start();
			}
			catch (IOException ex) {
				throw new IllegalStateException("mariadbd could not start: " + ex.getMessage(), ex);
			}
			long deadline = System.nanoTime() + COMMAND_TIMEOUT.toNanos();
			while (System.nanoTime() < deadline) {
				try {
					run("mariadb-admin", "-h127.0.0.1", "-P" + this.port, "-uroot", "ping");
					return;
				}
				catch (IllegalStateException notYet) {
					if (!this.server.isAlive()) {
						throw new IllegalStateException("mariadbd exited: see " + this.dir.resolve("server.log"));
					}
					Thread.onSpinWait();
				}
			}
			throw new IllegalStateException("mariadbd did not answer within " + COMMAND_TIMEOUT);
		}

		@Override
		public String url() {
			return "mysql://root:@127.0.0.1:" + this.port + "/test";
		}

		@Override
		public void restart() {
			stop();
			start();
		}

		private void stop() {
			if (this.server == null) {
				return;
			}
			this.server.destroy();
			try {
				if (!this.server.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
					this.server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		@Override
		List<Long> pids() {
			return List.of(this.server.pid());
		}

		@Override
		public void close() {
			try {
				thaw();
			}
			catch (RuntimeException ex) {
				// not running
			}
			stop();
			run("rm", "-rf", this.dir.toString());
		}

	}

}

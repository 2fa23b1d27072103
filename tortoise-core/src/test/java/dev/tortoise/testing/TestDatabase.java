package dev.tortoise.testing;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import dev.tortoise.config.ConnectionConfig;
import dev.tortoise.config.DbUrl;
import dev.tortoise.connection.Connections;
import io.r2dbc.spi.ConnectionFactory;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A real database for one test class (DESIGN §7): a fresh PostgreSQL schema or MySQL
 * database, found through {@code TORTOISE_TEST_POSTGRES_URL} / {@code TORTOISE_TEST_MYSQL_URL}.
 * When the server cannot be reached the test is skipped, unless {@code CI=true}: then it
 * fails. {@link #close()} drops what it created.
 */
public final class TestDatabase implements AutoCloseable {

	public static final String POSTGRES_URL = env("TORTOISE_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test");

	public static final String MYSQL_URL = env("TORTOISE_TEST_MYSQL_URL", "mysql://root:@127.0.0.1:3306/test");

	private final String engine;

	private final String name;

	private final String url;

	private final ConnectionFactory admin;

	private final Runnable closeAdmin;

	private TestDatabase(String engine, String name, String url, Connections admin) {
		this(engine, name, url, admin.get("admin"), () -> admin.close().block());
	}

	private TestDatabase(String engine, String name, String url, ConnectionFactory admin, Runnable closeAdmin) {
		this.engine = engine;
		this.name = name;
		this.url = url;
		this.admin = admin;
		this.closeAdmin = closeAdmin;
	}

	/** A fresh PostgreSQL schema; connections to it carry its name as application_name. */
	public static TestDatabase postgres(String label) {
		String name = uniqueName(label);
		Connections admin = reach("PostgreSQL", POSTGRES_URL, "TORTOISE_TEST_POSTGRES_URL");
		Sql.execute(admin.get("admin"), "CREATE SCHEMA \"" + name + "\"");
		String url = POSTGRES_URL + (POSTGRES_URL.contains("?") ? "&" : "?") + "schema=" + name + "&applicationName=" + name;
		return new TestDatabase(ConnectionConfig.POSTGRES, name, url, admin);
	}

	/** A fresh MySQL/MariaDB database. */
	public static TestDatabase mysql(String label) {
		String name = uniqueName(label);
		Connections admin = reach("MySQL/MariaDB", MYSQL_URL, "TORTOISE_TEST_MYSQL_URL");
		Sql.execute(admin.get("admin"), "CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4");
		int q = MYSQL_URL.indexOf('?');
		String path = (q >= 0) ? MYSQL_URL.substring(0, q) : MYSQL_URL;
		String url = path.substring(0, path.lastIndexOf('/') + 1) + name + ((q >= 0) ? MYSQL_URL.substring(q) : "");
		return new TestDatabase(ConnectionConfig.MYSQL, name, url, admin);
	}

	/**
	 * A fresh SQLite file under target/sqlite. SQLite lists no sessions: each connection of our
	 * driver runs on a thread of its own, so those threads are the sessions, and the checks
	 * open an unpooled connection per query, closed right after it.
	 */
	public static TestDatabase sqlite(String label) {
		String file = sqliteFile(label);
		dev.tortoise.sqlite.SqliteConnectionFactory admin = dev.tortoise.sqlite.SqliteConnectionFactory.builder(file).build();
		return new TestDatabase(ConnectionConfig.SQLITE, file, "sqlite://" + file, admin, () -> admin.close().block());
	}

	private static String uniqueName(String label) {
		return ("t_" + label + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
	}

	private static Connections reach(String what, String url, String variable) {
		Connections admin = Connections.create(Map.of("admin", DbUrl.parse(url)
			.withPool(dev.tortoise.config.PoolSettings.DEFAULTS.withInitialSize(1).withMaxSize(2)
				.withMaxAcquireTime(Duration.ofSeconds(10)))));
		try {
			Sql.number(admin.get("admin"), "SELECT 1");
			return admin;
		}
		catch (RuntimeException ex) {
			admin.close().block();
			String message = what + " is not reachable at " + DbUrl.mask(url) + " (" + ex.getMessage()
					+ "). Start it, or point " + variable + " at a server.";
			if ("true".equalsIgnoreCase(System.getenv("CI"))) {
				Assertions.fail(message + " CI=true, so this is a failure, not a skip.");
			}
			Assumptions.abort(message);
			throw ex;
		}
	}

	/** The URL of the isolated database, in Tortoise's format. */
	public String url() {
		return this.url;
	}

	/** The schema or database name. */
	public String name() {
		return this.name;
	}

	/** The engine: postgres or mysql. */
	public String engine() {
		return this.engine;
	}

	/** A connection factory outside the code under test, for catalog checks. */
	public ConnectionFactory admin() {
		return this.admin;
	}

	/** Sessions the code under test holds open on this database right now. */
	public long openSessions() {
		if (ConnectionConfig.SQLITE.equals(this.engine)) {
			return sqliteThreads();
		}
		if (ConnectionConfig.POSTGRES.equals(this.engine)) {
			return Sql.number(admin(), "SELECT count(*) FROM pg_stat_activity WHERE application_name = '" + this.name + "'");
		}
		return Sql.number(admin(), "SELECT count(*) FROM information_schema.PROCESSLIST WHERE DB = '" + this.name + "'");
	}

	/**
	 * Sessions of the code under test that are inside a transaction right now: PostgreSQL's
	 * {@code idle in transaction} and active ones with an open transaction, MariaDB's InnoDB
	 * transactions.
	 */
	public long sessionsInTransaction() {
		if (ConnectionConfig.SQLITE.equals(this.engine)) {
			return dev.tortoise.sqlite.SqliteConnection.inTransaction();
		}
		if (ConnectionConfig.POSTGRES.equals(this.engine)) {
			return Sql.number(admin(), "SELECT count(*) FROM pg_stat_activity WHERE application_name = '" + this.name
					+ "' AND xact_start IS NOT NULL");
		}
		return Sql.number(admin(), "SELECT count(*) FROM information_schema.innodb_trx t JOIN"
				+ " information_schema.PROCESSLIST p ON p.ID = t.trx_mysql_thread_id WHERE p.DB = '" + this.name + "'");
	}

	/**
	 * Waits until the server reports no session of ours: a closed client connection leaves
	 * the server's session list a moment later. Fails after 15 seconds.
	 */
	public void awaitNoSessions() {
		Mono<Long> count = Mono.fromCallable(this::openSessions).subscribeOn(Schedulers.boundedElastic());
		Long left = count.filter((n) -> n == 0)
			.repeatWhenEmpty(Integer.MAX_VALUE, (attempts) -> attempts.delayElements(Duration.ofMillis(50)))
			.timeout(Duration.ofSeconds(15), count)
			.block();
		Assertions.assertEquals(0L, left, "sessions still open on " + this.name + " after closing");
	}

	/**
	 * Waits until the pool has no connection handed out: a connection goes back to its pool
	 * a moment after the work that used it completes. Fails after 15 seconds.
	 */
	/**
	 * A pool of one connection to a private in-memory H2 database, that connection already
	 * open: an acquisition completes before {@code subscribe} returns, so tests can check
	 * what happened right after it.
	 */
	public static io.r2dbc.pool.ConnectionPool h2PoolOfOne(String database) {
		io.r2dbc.pool.ConnectionPool pool = new io.r2dbc.pool.ConnectionPool(io.r2dbc.pool.ConnectionPoolConfiguration
			.builder(io.r2dbc.spi.ConnectionFactories.get("r2dbc:h2:mem:///" + database))
			.initialSize(1)
			.maxSize(1)
			.build());
		pool.warmup().block();
		return pool;
	}

	public static void awaitReleased(io.r2dbc.pool.ConnectionPool pool) {
		Mono.fromCallable(() -> pool.getMetrics().get().acquiredSize() == 0 ? true : null)
			.repeatWhenEmpty(Integer.MAX_VALUE, (attempts) -> attempts.delayElements(Duration.ofMillis(10)))
			.timeout(Duration.ofSeconds(15), Mono.just(false))
			.block();
		Assertions.assertEquals(0, pool.getMetrics().get().acquiredSize(), "connections still acquired from " + pool);
	}

	/**
	 * A context on a URL with the query test models ({@code dev.tortoise.testmodels.query}),
	 * its schema generated.
	 * @param params pool and driver parameters added to the URL, e.g. {@code maxsize=4}
	 */
	public static dev.tortoise.TortoiseContext context(String url, String params) {
		dev.tortoise.TortoiseContext ctx = dev.tortoise.Tortoise.init(dev.tortoise.config.TortoiseConfig.builder()
			.connection("default", url + (url.contains("?") ? "&" : "?") + params)
			.app("models", java.util.List.of("dev.tortoise.testmodels.query"))
			.build()).block();
		ctx.generateSchemas().block();
		return ctx;
	}

	/**
	 * Closes a test class's context, then waits until the server has ended its sessions and
	 * drops the database; either may be null (embedded H2 has no database to drop).
	 */
	public static void closeAll(dev.tortoise.@org.jspecify.annotations.Nullable TortoiseContext ctx,
			@org.jspecify.annotations.Nullable TestDatabase db) {
		try {
			if (ctx != null) {
				ctx.close();
			}
		}
		finally {
			if (db != null) {
				db.awaitNoSessions();
				db.close();
			}
		}
	}

	@Override
	public void close() {
		try {
			if (ConnectionConfig.SQLITE.equals(this.engine)) {
				deleteSqlite(this.name);
			}
			else if (ConnectionConfig.POSTGRES.equals(this.engine)) {
				Sql.execute(admin(), "DROP SCHEMA IF EXISTS \"" + this.name + "\" CASCADE");
			}
			else {
				Sql.execute(admin(), "DROP DATABASE IF EXISTS `" + this.name + "`");
			}
		}
		finally {
			this.closeAdmin.run();
		}
	}

	/** Threads of open SQLite connections: each connection of our driver runs on one. */
	public static long sqliteThreads() {
		return Thread.getAllStackTraces().keySet().stream().filter((t) -> t.getName().startsWith("tortoise-sqlite-")).count();
	}

	/** Connections end their threads as they close, a moment after their pool reports it is disposed. */
	public static void awaitNoSqliteThreads() {
		Mono.fromCallable(() -> sqliteThreads() == 0 ? Boolean.TRUE : null)
			.repeatWhenEmpty(Integer.MAX_VALUE, (f) -> f.delayElements(Duration.ofMillis(10)))
			.timeout(Duration.ofSeconds(15), Mono.just(false))
			.block();
		Assertions.assertEquals(0L, sqliteThreads(), "threads of SQLite connections still alive");
	}

	/** A SQLite file of its own under target/sqlite, not created yet. */
	public static String sqliteFile(String label) {
		return "target/sqlite/" + label + "-" + UUID.randomUUID() + ".sqlite3";
	}

	/**
	 * Checks that this process holds no file handle on a SQLite database (where Linux's
	 * /proc/self/fd lets us look), then deletes the database and its WAL and journal files.
	 */
	public static void deleteSqlite(String file) {
		java.nio.file.Path database = java.nio.file.Path.of(file).toAbsolutePath().normalize();
		java.nio.file.Path fds = java.nio.file.Path.of("/proc/self/fd");
		if (java.nio.file.Files.isDirectory(fds)) {
			try (java.util.stream.Stream<java.nio.file.Path> open = java.nio.file.Files.list(fds)) {
				List<String> held = open.map(TestDatabase::target)
					.filter((target) -> target.startsWith(database.toString()))
					.toList();
				Assertions.assertEquals(List.of(), held, "file handles still open on " + database);
			}
			catch (java.io.IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
		}
		for (String suffix : List.of("", "-wal", "-shm", "-journal")) {
			try {
				java.nio.file.Files.deleteIfExists(java.nio.file.Path.of(database + suffix));
			}
			catch (java.io.IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
		}
	}

	private static String target(java.nio.file.Path fd) {
		try {
			return java.nio.file.Files.readSymbolicLink(fd).toString();
		}
		catch (java.io.IOException | UnsupportedOperationException ex) {
			return ""; // closed since it was listed
		}
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value : fallback;
	}

}

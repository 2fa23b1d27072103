package dev.tortoise.sqlite;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.R2dbcBadGrammarException;
import io.r2dbc.spi.R2dbcDataIntegrityViolationException;
import io.r2dbc.spi.R2dbcTimeoutException;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.ValidationDepth;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqliteConnectionTests {

	@TempDir
	Path dir;

	private SqliteConnectionFactory factory;

	private Connection connection;

	@AfterEach
	void close() {
		if (this.connection != null) {
			Mono.from(this.connection.close()).block();
		}
		if (this.factory != null) {
			this.factory.close().block();
		}
	}

	private Connection open(String database) {
		this.factory = (SqliteConnectionFactory) ConnectionFactories.get("r2dbc:sqlite:///" + database);
		this.connection = Mono.from(this.factory.create()).block();
		return this.connection;
	}

	private static void run(Connection c, String sql) {
		Flux.from(c.createStatement(sql).execute()).flatMap(Result::getRowsUpdated).blockLast();
	}

	private static <T> List<T> query(Connection c, String sql, Class<T> type) {
		return Flux.from(c.createStatement(sql).execute()).flatMap((r) -> r.map((row, md) -> row.get(0, type)))
			.collectList()
			.block();
	}

	@Test
	void insertsReturnEveryGeneratedKeyAndRowsReadBack() {
		Connection c = open(this.dir.resolve("app.db").toString());
		run(c, "CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, name TEXT NOT NULL)");
		List<Long> ids = Flux.from(c.createStatement("INSERT INTO t (name) VALUES (?), (?), (?)")
			.bind(0, "a").bind(1, "b").bind(2, "c").returnGeneratedValues("id").execute())
			.flatMap((r) -> r.map((row, md) -> row.get("id", Long.class)))
			.collectList()
			.block();
		assertThat(ids).containsExactly(1L, 2L, 3L);
		assertThat(query(c, "SELECT name FROM t ORDER BY id", String.class)).containsExactly("a", "b", "c");
	}

	@Test
	void namedParametersBindByName() {
		Connection c = open(":memory:");
		String v = Flux.from(c.createStatement("SELECT :first || @second || :first").bind(":first", "x")
			.bind("@second", "y").execute()).flatMap((r) -> r.map((row, md) -> row.get(0, String.class))).blockLast();
		assertThat(v).isEqualTo("xyx");
		assertThatThrownBy(() -> c.createStatement("SELECT :a").bind(":b", 1)).hasMessageContaining("no parameter named");
	}

	@Test
	void severalSetsOfValuesRunTheStatementOnceEach() {
		Connection c = open(":memory:");
		run(c, "CREATE TABLE t (n INT)");
		List<Long> counts = Flux.from(c.createStatement("INSERT INTO t VALUES ($1)").bind(0, 1).add().bind(0, 2).add()
			.bind(0, 3).execute()).flatMap(Result::getRowsUpdated).collectList().block();
		assertThat(counts).containsExactly(1L, 1L, 1L);
		assertThat(query(c, "SELECT sum(n) FROM t", Long.class)).containsExactly(6L);
	}

	@Test
	void anInMemoryDatabaseIsSharedByTheFactorysConnectionsUntilItCloses() {
		Connection first = open(":memory:");
		run(first, "CREATE TABLE shared (n INT)");
		run(first, "INSERT INTO shared VALUES (7)");
		Connection second = Mono.from(this.factory.create()).block();
		try {
			assertThat(query(second, "SELECT n FROM shared", Long.class)).containsExactly(7L);
		}
		finally {
			Mono.from(second.close()).block();
		}
		Mono.from(first.close()).block();
		this.connection = null;
		this.factory.close().block();
		assertThatThrownBy(() -> Mono.from(this.factory.create()).block()).hasMessageContaining("is closed");
	}

	@Test
	void rowsAreSteppedOnlyAsFarAsSubscribersAsk() {
		Connection c = open(":memory:");
		AtomicLong mapped = new AtomicLong();
		Result result = Flux.from(c.createStatement(
				"WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n LIMIT 1000000) SELECT x FROM n")
			.execute()).blockFirst();
		Flux<Long> rows = Flux.from(result.map((row, md) -> {
			mapped.incrementAndGet();
			return row.get(0, Long.class);
		}));
		StepVerifier.create(rows, 0).thenRequest(5).expectNext(1L, 2L, 3L, 4L, 5L).then(() -> {
			// A statement queued behind the cursor's steps runs once they are done.
			Connection other = c;
			assertThat(Flux.from(other.createStatement("SELECT 1").execute())
				.flatMap((r) -> r.map((row, md) -> row.get(0, Long.class))).blockLast()).isEqualTo(1L);
			assertThat(mapped.get()).isEqualTo(5L);
		}).thenCancel().verify(Duration.ofSeconds(30));
		assertThat(query(c, "SELECT 2", Long.class)).containsExactly(2L);
	}

	@Test
	void aMillionRowsStreamToTheEnd() {
		Connection c = open(":memory:");
		Long count = Flux.from(c.createStatement(
				"WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n LIMIT 1000000) SELECT x, 'row ' || x FROM n")
			.execute()).flatMap((r) -> r.map((row, md) -> row.get(1, String.class))).count().block();
		assertThat(count).isEqualTo(1_000_000L);
	}

	@Test
	void aStatementPastItsTimeoutIsInterruptedAndTheConnectionStaysUsable() {
		Connection c = open(":memory:");
		Mono.from(c.setStatementTimeout(Duration.ofMillis(200))).block();
		StepVerifier.create(Flux.from(c.createStatement(
				"WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT count(*) FROM n").execute())
			.flatMap((r) -> r.map((row, md) -> row.get(0, Long.class))))
			.expectError(R2dbcTimeoutException.class)
			.verify(Duration.ofSeconds(30));
		assertThat(query(c, "SELECT 3", Long.class)).containsExactly(3L);
	}

	@Test
	void interruptStopsTheRunningStatement() {
		Connection c = open(":memory:");
		SqliteConnection sqlite = (SqliteConnection) c;
		AtomicLong done = new AtomicLong();
		Flux.from(c.createStatement("WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT count(*) FROM n")
			.execute()).flatMap((r) -> r.map((row, md) -> row.get(0, Long.class))).subscribe((v) -> {
			}, (ex) -> done.incrementAndGet(), done::incrementAndGet);
		while (done.get() == 0) {
			sqlite.interrupt();
			Thread.onSpinWait();
		}
		assertThat(query(c, "SELECT 4", Long.class)).containsExactly(4L);
	}

	@Test
	void aCancelledStatementInATransactionRollsBackAndRunsAgain() {
		Connection c = open(this.dir.resolve("cancel.db").toString());
		run(c, "CREATE TABLE t (n INT)");
		String endless = "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < ?) SELECT count(*) FROM n";
		for (int round = 0; round < 3; round++) {
			Mono.from(c.beginTransaction()).block();
			run(c, "INSERT INTO t VALUES (1)");
			reactor.core.Disposable running = Flux.from(c.createStatement(endless).bind(0, Long.MAX_VALUE).execute())
				.flatMap((r) -> r.map((row, md) -> row.get(0, Long.class)))
				.subscribe();
			Mono.fromCallable(() -> SqliteConnection.running() > 0 ? Boolean.TRUE : null)
				.repeatWhenEmpty(Integer.MAX_VALUE, (f) -> f.delayElements(Duration.ofMillis(5)))
				.block(Duration.ofSeconds(10));
			running.dispose();
			Mono.from(c.rollbackTransaction()).block();
			assertThat(query(c, "SELECT count(*) FROM t", Long.class)).containsExactly(0L);
			assertThat(Flux.from(c.createStatement(endless).bind(0, 10).execute())
				.flatMap((r) -> r.map((row, md) -> row.get(0, Long.class))).collectList().block()).containsExactly(10L);
		}
	}

	@Test
	void unicodeLowerAndUpperRunOnManyConnectionsAtOnce() {
		open(this.dir.resolve("case.db").toString());
		List<String> lowered = Flux.range(0, 8)
			.flatMap((c) -> Mono.usingWhen(this.factory.create(), (conn) -> Flux.range(0, 200)
				.concatMap((i) -> Flux.from(conn.createStatement("SELECT lower(?)").bind(0, "ÄÖÜ-" + i).execute())
					.flatMap((r) -> r.map((row, md) -> row.get(0, String.class))))
				.collectList(), Connection::close), 8)
			.flatMapIterable((list) -> list)
			.collectList()
			.block(Duration.ofMinutes(1));
		assertThat(lowered).hasSize(1600).allMatch((v) -> v.startsWith("äöü-"));
	}

	@Test
	void statementsRunOnTheConnectionsThreadUnlessCallersMayRunThem() {
		String select = "SELECT 1";
		Connection c = open(":memory:");
		assertThat(threadOf(c, select)).startsWith("tortoise-sqlite-");
		SqliteConnectionFactory callerRuns = SqliteConnectionFactory.builder(":memory:").callerRuns(true).build();
		try {
			Connection inline = Mono.from(callerRuns.create()).block();
			try {
				assertThat(threadOf(inline, select)).isEqualTo(Thread.currentThread().getName());
				// A non-blocking thread never runs a statement: it goes to the connection's thread.
				assertThat(Flux.from(inline.createStatement(select).execute())
					.subscribeOn(reactor.core.scheduler.Schedulers.parallel())
					.flatMap((r) -> r.map((row, md) -> Thread.currentThread().getName()))
					.blockLast()).startsWith("tortoise-sqlite-");
			}
			finally {
				Mono.from(inline.close()).block();
			}
		}
		finally {
			callerRuns.close().block();
		}
	}

	/** The thread a statement's rows were handed over on. */
	private static String threadOf(Connection c, String sql) {
		return Flux.from(c.createStatement(sql).execute())
			.flatMap((r) -> r.map((row, md) -> Thread.currentThread().getName()))
			.blockLast();
	}

	@Test
	void transactionsRollBackAndSavepointsUndoPart() {
		Connection c = open(this.dir.resolve("tx.db").toString());
		run(c, "CREATE TABLE t (n INT)");
		Mono.from(c.beginTransaction()).block();
		assertThat(c.isAutoCommit()).isFalse();
		run(c, "INSERT INTO t VALUES (1)");
		Mono.from(c.createSavepoint("s1")).block();
		run(c, "INSERT INTO t VALUES (2)");
		Mono.from(c.rollbackTransactionToSavepoint("s1")).block();
		Mono.from(c.commitTransaction()).block();
		assertThat(query(c, "SELECT n FROM t", Long.class)).containsExactly(1L);
		Mono.from(c.beginTransaction()).block();
		run(c, "INSERT INTO t VALUES (3)");
		Mono.from(c.rollbackTransaction()).block();
		assertThat(c.isAutoCommit()).isTrue();
		assertThat(query(c, "SELECT count(*) FROM t", Long.class)).containsExactly(1L);
	}

	@Test
	void fiftyConcurrentWritersAllSucceed() {
		open(this.dir.resolve("busy.db").toString());
		run(this.connection, "CREATE TABLE t (n INT)");
		Flux.range(0, 50).flatMap((i) -> Mono.usingWhen(this.factory.create(), (c) -> Mono.from(c.beginTransaction())
			.then(Flux.from(c.createStatement("INSERT INTO t VALUES (?)").bind(0, i).execute())
				.flatMap(Result::getRowsUpdated).then())
			.then(Mono.from(c.commitTransaction())), Connection::close), 50).blockLast(Duration.ofSeconds(60));
		assertThat(query(this.connection, "SELECT count(*) FROM t", Long.class)).containsExactly(50L);
	}

	@Test
	void errorsAreR2dbcExceptionsByKind() {
		Connection c = open(":memory:");
		run(c, "CREATE TABLE t (n INT UNIQUE)");
		run(c, "INSERT INTO t VALUES (1)");
		assertThatThrownBy(() -> run(c, "INSERT INTO t VALUES (1)")).isInstanceOf(R2dbcDataIntegrityViolationException.class)
			.hasMessageContaining("UNIQUE constraint failed: t.n");
		assertThatThrownBy(() -> run(c, "SELEC 1")).isInstanceOf(R2dbcBadGrammarException.class)
			.hasMessageContaining("syntax error");
		assertThat(Mono.from(c.validate(ValidationDepth.REMOTE)).block()).isTrue();
	}

	@Test
	void valuesAreStoredAsPythonsSqlite3StoresThem() {
		Connection c = open(":memory:");
		run(c, "CREATE TABLE v (d TEXT, dec VARCHAR(40), u CHAR(36), b INT, bytes BLOB)");
		OffsetDateTime at = OffsetDateTime.of(2024, 5, 1, 13, 45, 0, 250_000_000, ZoneOffset.UTC);
		UUID id = UUID.randomUUID();
		Flux.from(c.createStatement("INSERT INTO v VALUES (?, ?, ?, ?, ?)").bind(0, at).bind(1, new BigDecimal("10.50"))
			.bind(2, id).bind(3, true).bind(4, new byte[] { 1, 2 }).execute()).flatMap(Result::getRowsUpdated).blockLast();
		List<Object> stored = Flux.from(c.createStatement("SELECT d, dec, u, b, typeof(bytes) FROM v").execute())
			.flatMap((r) -> r.map((row, md) -> List.<Object>of(row.get(0), row.get(1), row.get(2), row.get(3), row.get(4))))
			.blockLast();
		assertThat(stored).containsExactly("2024-05-01 13:45:00.250000+00:00", "10.50", id.toString(), 1, "blob");
		Object[] back = Flux.from(c.createStatement("SELECT d, dec, u, b FROM v").execute())
			.flatMap((r) -> r.map((row, md) -> new Object[] { row.get(0, OffsetDateTime.class),
					row.get(1, BigDecimal.class), row.get(2, UUID.class), row.get(3, Boolean.class) }))
			.blockLast();
		assertThat(back).containsExactly(at, new BigDecimal("10.50"), id, true);
	}

	@Test
	void closingEndsTheConnectionsThreadAndReleasesTheFile() throws Exception {
		Path file = this.dir.resolve("gone.db");
		Connection c = open(file.toString());
		run(c, "CREATE TABLE t (n INT)");
		Mono.from(c.close()).block();
		this.connection = null;
		this.factory.close().block();
		awaitNoWorkerThreads();
		Files.delete(file);
		Files.deleteIfExists(this.dir.resolve("gone.db-wal"));
		Files.deleteIfExists(this.dir.resolve("gone.db-shm"));
		assertThat(file).doesNotExist();
	}

	/** A closed connection's thread ends once its last task has run; waits for that, at most 10 s. */
	static void awaitNoWorkerThreads() throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (true) {
			List<Thread> left = Thread.getAllStackTraces().keySet().stream()
				.filter((t) -> t.getName().startsWith("tortoise-sqlite-") && t.isAlive())
				.toList();
			if (left.isEmpty()) {
				return;
			}
			if (System.nanoTime() > deadline) {
				throw new AssertionError("threads left after close: " + left);
			}
			left.get(0).join(100);
		}
	}


}

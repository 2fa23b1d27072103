package dev.tortoise.sqlite;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.R2dbcDataIntegrityViolationException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import io.r2dbc.spi.Result;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The connections of one factory wait in line for SQLite's write lock. The busy timeout is
 * short here, so that a writer that waited in the wrong place, or a lock that was never let
 * go, fails the test with the gate's own message instead of hanging it.
 */
class WriteGateTests {

	private static final Duration SHORT = Duration.ofMillis(300);

	@TempDir
	Path dir;

	private SqliteConnectionFactory factory;

	private final List<Connection> connections = new ArrayList<>();

	@BeforeEach
	void createTable() {
		this.factory = SqliteConnectionFactory.builder(this.dir.resolve("gate.db").toString()).busyTimeout(SHORT).build();
		run(connection(), "CREATE TABLE t (n INT UNIQUE)");
	}

	@AfterEach
	void close() {
		for (Connection c : this.connections) {
			Mono.from(c.close()).block();
		}
		this.factory.close().block();
	}

	private Connection connection() {
		Connection c = Mono.from(this.factory.create()).block();
		this.connections.add(c);
		return c;
	}

	private static Mono<Long> insert(Connection c, int n) {
		return Flux.from(c.createStatement("INSERT INTO t VALUES (?)").bind(0, n).execute())
			.flatMap(Result::getRowsUpdated)
			.reduce(0L, Long::sum);
	}

	private static void run(Connection c, String sql) {
		Flux.from(c.createStatement(sql).execute()).flatMap(Result::getRowsUpdated).blockLast();
	}

	private static long count(Connection c) {
		return Flux.from(c.createStatement("SELECT count(*) FROM t").execute())
			.flatMap((r) -> r.map((row, md) -> row.get(0, Long.class)))
			.blockLast();
	}

	@Test
	void aWriterPastTheBusyTimeoutIsToldThatAnotherConnectionOfThePoolHeldTheLock() {
		Connection holder = connection();
		Mono.from(holder.beginTransaction()).block();
		Connection late = connection();
		assertThatThrownBy(() -> Mono.from(late.beginTransaction()).block())
			.isInstanceOf(R2dbcTransientResourceException.class)
			.hasMessageContaining("another connection of this pool held the write lock")
			.hasMessageContaining("busy timeout of 300 ms");
		assertThatThrownBy(() -> insert(late, 1).block()).isInstanceOf(R2dbcTransientResourceException.class)
			.hasMessageContaining("another connection of this pool");
		Mono.from(holder.commitTransaction()).block();
		assertThat(insert(late, 2).block()).isEqualTo(1L);
	}

	@Test
	void writersQueuedBehindATransactionRunOnceItCommits() {
		Connection holder = connection();
		Mono.from(holder.beginTransaction()).block();
		insert(holder, 1).block();
		List<Mono<Long>> waiting = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			waiting.add(insert(connection(), 10 + i).cache());
			waiting.get(i).subscribe((n) -> { }, (ex) -> { });
		}
		Mono.from(holder.commitTransaction()).block();
		for (Mono<Long> w : waiting) {
			assertThat(w.block(Duration.ofSeconds(10))).isEqualTo(1L);
		}
		assertThat(count(holder)).isEqualTo(6L);
	}

	@Test
	void readersNeverWaitForAWriter() {
		Connection writer = connection();
		Mono.from(writer.beginTransaction()).block();
		insert(writer, 1).block();
		Connection reader = connection();
		assertThat(count(reader)).isZero();
		Mono.from(writer.commitTransaction()).block();
		assertThat(count(reader)).isEqualTo(1L);
	}

	@Test
	void aWriterCancelledWhileWaitingNeverRunsAndItsConnectionGoesOn() {
		Connection holder = connection();
		Mono.from(holder.beginTransaction()).block();
		Connection cancelled = connection();
		Disposable subscription = insert(cancelled, 99).subscribe();
		subscription.dispose();
		Mono.from(holder.commitTransaction()).block();
		// The connection runs its calls in order: once this one ran, the cancelled one has ended.
		assertThat(insert(cancelled, 1).block()).isEqualTo(1L);
		assertThat(count(holder)).isEqualTo(1L);
		Mono.from(connection().beginTransaction()).block();
	}

	@Test
	void theLockIsLetGoAfterRollbackFailureAndClose() {
		Connection first = connection();
		Mono.from(first.beginTransaction()).block();
		Mono.from(first.rollbackTransaction()).block();
		Connection second = connection();
		Mono.from(second.beginTransaction()).block();
		insert(second, 1).block();
		Mono.from(second.commitTransaction()).block();

		assertThatThrownBy(() -> insert(first, 1).block()).isInstanceOf(R2dbcDataIntegrityViolationException.class);
		Mono.from(second.beginTransaction()).block();
		insert(second, 2).block();
		Mono.from(second.close()).block();

		Connection third = connection();
		Mono.from(third.beginTransaction()).block();
		insert(third, 3).block();
		Mono.from(third.commitTransaction()).block();
		assertThat(count(third)).isEqualTo(2L);
	}

	@Test
	void savepointsAndAutoCommitOffTakeTheLockOnce() {
		Connection c = connection();
		Mono.from(c.setAutoCommit(false)).block();
		insert(c, 1).block();
		Mono.from(c.createSavepoint("s")).block();
		insert(c, 2).block();
		Mono.from(c.rollbackTransactionToSavepoint("s")).block();
		Mono.from(c.commitTransaction()).block();
		Mono.from(c.setAutoCommit(true)).block();
		Connection other = connection();
		assertThat(insert(other, 3).block()).isEqualTo(1L);
		assertThat(count(other)).isEqualTo(2L);
	}

	@Test
	void aWritesReturnedRowsAreReadAtOnceSoASlowSubscriberHoldsNoLock() {
		Connection writer = connection();
		Connection other = connection();
		Flux<Integer> returned = Flux.from(writer.createStatement("WITH RECURSIVE s(n) AS (SELECT 1000 UNION ALL"
				+ " SELECT n + 1 FROM s WHERE n < 1199) INSERT INTO t (n) SELECT n FROM s RETURNING n").execute())
			.flatMap((r) -> r.map((row, md) -> row.get(0, Integer.class)), 1, 1);
		StepVerifier.create(returned, 1)
			.expectNext(1000)
			.then(() -> assertThat(insert(other, 1).block()).isEqualTo(1L))
			.thenRequest(Long.MAX_VALUE)
			.expectNextCount(199)
			.verifyComplete();
		assertThat(count(other)).isEqualTo(201L);
	}

}

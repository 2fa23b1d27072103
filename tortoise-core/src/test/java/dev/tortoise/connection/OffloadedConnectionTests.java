package dev.tortoise.connection;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import dev.tortoise.config.DbUrl;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * H2 runs statements on the thread that executes them; its connections work on threads of
 * their own, so that a statement that takes long never holds up the caller's thread.
 */
class OffloadedConnectionTests {

	private static final String SLOW = "SELECT count(*) FROM SYSTEM_RANGE(1, 1000000) a, SYSTEM_RANGE(1, 1000000) b"
			+ " WHERE MOD(a.\"X\" * b.\"X\", 7) = 10";

	private final Connections connections = Connections.create(Map.of("default", DbUrl.parse("h2://:memory:?maxsize=3")));

	/** Stands for a Netty event loop: one thread that every request starts on. */
	private final Scheduler eventLoop = Schedulers.newSingle("event-loop");

	@AfterEach
	void close() {
		this.connections.close().block();
		this.eventLoop.dispose();
	}

	private static Flux<Object> query(ConnectionFactory factory, String sql) {
		return Flux.usingWhen(factory.create(),
				(c) -> Flux.from(c.createStatement(sql).execute()).flatMap((r) -> r.map((row, md) -> row.get(0))),
				Connection::close);
	}

	private long slowStatementsRunning() {
		return ((Number) query(this.connections.get("default"),
				"SELECT count(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE EXECUTING_STATEMENT = '" + SLOW.replace("'", "''")
						+ "'").blockLast(Duration.ofSeconds(30))).longValue();
	}

	@Test
	void aSlowStatementStartedOnTheEventLoopLeavesItFreeForOtherRequests() {
		ConnectionFactory pool = this.connections.get("default");
		Disposable slow = query(pool, SLOW).subscribeOn(this.eventLoop).subscribe();
		Long running = Mono.fromCallable(this::slowStatementsRunning)
			.subscribeOn(Schedulers.boundedElastic())
			.filter((n) -> n == 1)
			.repeatWhenEmpty(1000, (attempts) -> attempts.delayElements(Duration.ofMillis(20)))
			.block(Duration.ofSeconds(30));
		assertThat(running).as("the slow statement is running").isEqualTo(1);
		AtomicReference<String> answeredOn = new AtomicReference<>();
		// Were H2 running on the event loop, this request could not even start until the slow one ended.
		Object answer = query(pool, "SELECT 41 + 1").subscribeOn(this.eventLoop)
			.doOnNext((v) -> answeredOn.set(Thread.currentThread().getName()))
			.blockLast(Duration.ofSeconds(30));
		assertThat(answer).isEqualTo(42);
		assertThat(answeredOn.get()).as("statements run on the connection's own threads").startsWith("tortoise-default");
		assertThat(slowStatementsRunning()).as("the slow statement still runs").isEqualTo(1);
		slow.dispose();
	}

}

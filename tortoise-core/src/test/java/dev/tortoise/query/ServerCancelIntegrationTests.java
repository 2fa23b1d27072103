package dev.tortoise.query;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

import dev.tortoise.TortoiseContext;
import dev.tortoise.exceptions.OperationalException;
import dev.tortoise.testing.TestDatabase;
import dev.tortoise.testmodels.query.Team;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A statement whose subscriber goes away is stopped on the server, and a statement that
 * runs past the connection's statement timeout fails as an {@link OperationalException}
 * naming both. Subclasses give the database and a statement that runs for long on it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ServerCancelIntegrationTests {

	TestDatabase db;

	TortoiseContext ctx;

	/** The isolated server database, or null for embedded H2. */
	abstract TestDatabase createDatabase();

	String url() {
		return this.db.url();
	}

	/** A statement that runs for a minute or more. */
	abstract String longStatement();

	/** How many statements like {@link #longStatement} the server is running for us now. */
	abstract long running();

	@BeforeAll
	void start() {
		this.db = createDatabase();
		this.ctx = TestDatabase.context(url(), "maxsize=3");
	}

	@AfterAll
	void stop() {
		TestDatabase.closeAll(this.ctx, this.db);
	}

	private static Flux<Integer> run(Engine engine, String statement) {
		return engine.run("default", engine.bind("default", new dev.tortoise.query.sql.Compiled(statement, List.of())),
				(row, md) -> 1);
	}

	/** Waits up to 20 seconds for a condition, polling; false if it never held. */
	static boolean eventually(BooleanSupplier condition) {
		return Boolean.TRUE.equals(Mono.fromCallable(() -> condition.getAsBoolean() ? Boolean.TRUE : null)
			.subscribeOn(Schedulers.boundedElastic())
			.repeatWhenEmpty(Integer.MAX_VALUE, (attempts) -> attempts.delayElements(Duration.ofMillis(25)))
			.timeout(Duration.ofSeconds(20), Mono.just(false))
			.block());
	}

	private void assertStoppedOnTheServerAndConnectionsBack(Disposable subscription) {
		assertThat(eventually(() -> running() == 1)).as("the statement runs on the server").isTrue();
		subscription.dispose();
		assertThat(eventually(() -> running() == 0)).as("stopped on the server after the cancel").isTrue();
		TestDatabase.awaitReleased(this.ctx.connections().pool("default"));
		assertThat(this.ctx.objects(Team.class).count().block()).as("the connections still work").isNotNegative();
	}

	@Test
	void aLongQueryWhoseSubscriberLeftIsStoppedOnTheServer() {
		Engine engine = this.ctx.objects(Team.class).engine;
		assertStoppedOnTheServerAndConnectionsBack(run(engine, longStatement()).subscribe());
	}

	@Test
	void aLongQueryOfACancelledTransactionIsStoppedOnTheServer() {
		Disposable transaction = this.ctx.inTransaction("default",
				(tx) -> tx.create(new Team("pending")).thenMany(run(tx.objects(Team.class).engine, longStatement())))
			.subscribe();
		assertStoppedOnTheServerAndConnectionsBack(transaction);
		assertThat(this.ctx.objects(Team.class).filter("name", "pending").count().block()).isZero();
	}

	@Test
	void aStatementPastTheStatementTimeoutFailsNamingTheConnectionAndTheTimeout() {
		try (TortoiseContext limited = TestDatabase.context(url(), "maxsize=3&statement_timeout=0.3")) {
			Engine engine = limited.objects(Team.class).engine;
			assertThatThrownBy(() -> run(engine, longStatement()).blockLast(Duration.ofSeconds(60)))
				.isInstanceOf(OperationalException.class)
				.hasMessageContaining("connection \"default\"")
				.hasMessageContaining("statement timeout of 0.3s");
			assertThat(eventually(() -> running() == 0)).isTrue();
			assertThat(limited.objects(Team.class).count().block()).as("quick statements still run").isNotNegative();
		}
	}

}



package dev.tortoise.transactions;

import java.time.Duration;
import java.util.List;

import dev.tortoise.TortoiseContext;
import dev.tortoise.testing.Cancellations;
import dev.tortoise.testing.TestDatabase;
import dev.tortoise.testmodels.query.Team;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients that hang up: transactions cancelled at random points, before, during and after
 * their statements, with several statements in flight at once, commit whole or not at all,
 * and leave every connection rolled back and back in its pool. Subclasses pick the database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CancellationIntegrationTests {

	/** Requests per test; {@code -Dtortoise.test.cancellations=N} changes it. */
	static final int CANCELLATIONS = Integer.getInteger("tortoise.test.cancellations", 10_000);

	TestDatabase db;

	TortoiseContext ctx;

	/** The isolated server database, or null for embedded H2. */
	abstract TestDatabase createDatabase();

	String url() {
		return this.db.url();
	}

	/** Sessions of ours inside a transaction, as the server reports them. */
	long sessionsInTransaction() {
		return this.db.sessionsInTransaction();
	}

	@BeforeAll
	void start() {
		this.db = createDatabase();
		this.ctx = TestDatabase.context(url(), "maxsize=4");
	}

	@AfterAll
	void stop() {
		TestDatabase.closeAll(this.ctx, this.db);
	}

	@BeforeEach
	void clean() {
		this.ctx.objects(Team.class).delete().block();
	}

	private List<String> teamNames() {
		return this.ctx.objects(Team.class).values("name").map((row) -> (String) row.get("name")).collectList().block();
	}

	@Test
	void transactionsCancelledAtRandomCommitWholeOrNothingAndGiveEveryConnectionBackRolledBack() {
		int rows = 4;
		Cancellations run = Cancellations.run(CANCELLATIONS, 8, Duration.ofMillis(5), 23,
				(i) -> this.ctx.inTransaction("default", (tx) -> Flux.range(0, rows)
					.flatMap((n) -> tx.create(new Team("r" + i + "-" + n)), 8)
					.then(tx.objects(Team.class).filter("name__startswith", "r" + i + "-").count())));
		run.assertNoErrors();
		TestDatabase.awaitReleased(this.ctx.connections().pool("default"));
		assertThat(sessionsInTransaction()).as("sessions left inside a transaction").isZero();
		int committed = Cancellations.assertAllOrNothing(teamNames(), rows);
		assertThat(committed).as("some requests ended before their cancel, most did not").isPositive()
			.isLessThan(CANCELLATIONS);
	}

	@Test
	void nestedTransactionsCancelledAtRandomLeaveNoPartOfTheOuterOne() {
		int rows = 3;
		Cancellations run = Cancellations.run(CANCELLATIONS / 4, 8, Duration.ofMillis(5), 29,
				(i) -> this.ctx.inTransaction("default", (tx) -> tx.create(new Team("n" + i + "-0"))
					.then(tx.inTransaction("default", (inner) -> Flux.range(1, rows - 1)
						.flatMap((n) -> inner.create(new Team("n" + i + "-" + n)), 4)).then())));
		run.assertNoErrors();
		TestDatabase.awaitReleased(this.ctx.connections().pool("default"));
		assertThat(sessionsInTransaction()).isZero();
		Cancellations.assertAllOrNothing(teamNames(), rows);
	}

	@Test
	void readsCancelledAtRandomGiveTheirConnectionsBack() {
		this.ctx.bulkCreate(Flux.range(0, 200).map((i) -> new Team("q" + i + "-0")).collectList().block()).block();
		Cancellations.run(CANCELLATIONS / 4, 8, Duration.ofMillis(3), 31,
				(i) -> this.ctx.objects(Team.class).filter("name__startswith", "q").orderBy("name").all())
			.assertNoErrors();
		TestDatabase.awaitReleased(this.ctx.connections().pool("default"));
		assertThat(this.ctx.objects(Team.class).count().block()).isEqualTo(200);
		assertThat(sessionsInTransaction()).isZero();
	}

}

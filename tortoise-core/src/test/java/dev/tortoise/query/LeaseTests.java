package dev.tortoise.query;

import java.util.Map;

import dev.tortoise.testing.TestDatabase;
import io.r2dbc.pool.ConnectionPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.publisher.TestPublisher;

import static org.assertj.core.api.Assertions.assertThat;

/** A pooled connection goes back only once the work on it has ended, on a real H2 pool. */
class LeaseTests {

	/** Each acquisition below completes before subscribe returns. */
	private final ConnectionPool pool = TestDatabase.h2PoolOfOne("lease_tests");

	private final TestPublisher<String> work = TestPublisher.createNoncompliant(TestPublisher.Violation.REQUEST_OVERFLOW);

	private final Recorder<String> recorder = new Recorder<>();

	@AfterEach
	void close() {
		this.pool.dispose();
	}

	private int acquired() {
		return this.pool.getMetrics().get().acquiredSize();
	}

	@Test
	void theConnectionGoesBackWhenTheWorkCompletes() {
		Lease.of(this.pool.create(), (connection) -> this.work.flux()).subscribe(this.recorder);
		this.recorder.request(1);
		this.work.next("a");
		assertThat(acquired()).isOne();
		this.work.complete();
		assertThat(this.recorder.values).containsExactly("a");
		assertThat(this.recorder.completed).isTrue();
		assertThat(acquired()).isZero();
	}

	@Test
	void aCancelLetsTheWorkRunToItsEndBeforeTheConnectionGoesBack() {
		Lease.of(this.pool.create(), (connection) -> this.work.flux()).subscribe(this.recorder);
		this.recorder.request(1);
		this.work.next("a");
		this.recorder.cancel();
		this.work.assertNotCancelled().assertMinRequested(Long.MAX_VALUE);
		assertThat(acquired()).as("still in use by the work").isOne();
		this.work.next("b").complete();
		assertThat(acquired()).isZero();
		assertThat(this.recorder.values).containsExactly("a");
		assertThat(this.recorder.completed).as("a cancelled subscriber gets no more signals").isFalse();
	}

	@Test
	void aFailingWorkReleasesTheConnectionBeforeItsErrorIsSignalled() {
		int[] acquiredWhenSignalled = { -1 };
		Lease.of(this.pool.create(), (connection) -> this.work.flux())
			.doOnError((ex) -> acquiredWhenSignalled[0] = acquired())
			.subscribe(this.recorder);
		this.work.error(new IllegalStateException("statement failed"));
		assertThat(this.recorder.error).hasMessage("statement failed");
		assertThat(acquiredWhenSignalled[0]).isZero();
	}

	@Test
	void workUnansweredPastTheDeadlineFailsAtOnceAndKeepsItsConnectionUntilItEnds() {
		dev.tortoise.connection.Connections connections = dev.tortoise.connection.Connections.create(Map.of("default",
				dev.tortoise.config.DbUrl.parse("h2://:memory:?statement_timeout=0.01")));
		try {
			ServerCancel serverCancel = new ServerCancel(connections, "default");
			Lease.of(this.pool.create(), (connection) -> this.work.flux(), serverCancel).subscribe(this.recorder);
			this.recorder.request(1);
			reactor.core.publisher.Mono.fromCallable(() -> (this.recorder.error != null) ? true : null)
				.repeatWhenEmpty(1000, (attempts) -> attempts.delayElements(java.time.Duration.ofMillis(20)))
				.block(java.time.Duration.ofSeconds(30));
			assertThat(this.recorder.error).isInstanceOf(dev.tortoise.exceptions.OperationalException.class)
				.hasMessageContaining("connection \"default\" did not answer within 5010 ms");
			assertThat(acquired()).as("the work still runs on it").isOne();
			this.work.next("late").complete();
			assertThat(acquired()).isZero();
			assertThat(this.recorder.values).as("nothing after the error").isEmpty();
		}
		finally {
			connections.close().block();
		}
	}

	@Test
	void workThatCannotEvenStartReleasesTheConnection() {
		Lease.<String>of(this.pool.create(), (connection) -> {
			throw new IllegalArgumentException("no statement");
		}).subscribe(this.recorder);
		assertThat(this.recorder.error).hasMessage("no statement");
		assertThat(acquired()).isZero();
	}

	@Test
	void aCancelWhileWaitingForAConnectionLeavesNothingAcquired() {
		var holder = this.pool.create().block();
		Lease.of(this.pool.create(), (connection) -> this.work.flux()).subscribe(this.recorder);
		this.recorder.cancel();
		reactor.core.publisher.Mono.from(holder.close()).block();
		assertThat(acquired()).isZero();
		this.work.assertWasNotSubscribed();
	}

}

package dev.tortoise.query;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;

import dev.tortoise.exceptions.TransactionManagementException;
import dev.tortoise.testing.TestDatabase;
import dev.tortoise.transactions.TransactionScope;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.test.publisher.TestPublisher;

import static org.assertj.core.api.Assertions.assertThat;

/** A statement's signals are read to the end whatever the subscriber does. */
class ReadToEndTests {

	private final TestPublisher<Object> driver = TestPublisher.createNoncompliant(TestPublisher.Violation.REQUEST_OVERFLOW);

	private final Recorder<String> recorder = new Recorder<>();

	@Test
	void passesRowsThroughWithTheSubscribersDemand() {
		new ReadToEnd<String>(this.driver.flux()).subscribe(this.recorder);
		this.recorder.request(2);
		this.driver.assertMinRequested(2).next("a", "b");
		this.driver.complete();
		assertThat(this.recorder.values).containsExactly("a", "b");
		assertThat(this.recorder.completed).isTrue();
	}

	@Test
	void cancellingNeverCancelsTheDriverButReadsAndDropsTheRest() {
		List<Object> discarded = new ArrayList<>();
		new ReadToEnd<String>(this.driver.flux()).doOnDiscard(Object.class, discarded::add).subscribe(this.recorder);
		this.recorder.request(1);
		this.driver.next("a");
		this.recorder.cancel();
		this.driver.assertNotCancelled().assertMinRequested(Long.MAX_VALUE);
		this.driver.next("b", "c").complete();
		assertThat(this.recorder.values).containsExactly("a");
		assertThat(discarded).containsExactly("b", "c");
		assertThat(this.recorder.completed).as("a cancelled subscriber gets no more signals").isFalse();
	}

	@Test
	void aDriverErrorAfterCancellingReachesNobody() {
		new ReadToEnd<String>(this.driver.flux()).subscribe(this.recorder);
		this.recorder.cancel();
		this.driver.error(new IllegalStateException("connection lost"));
		assertThat(this.recorder.error).isNull();
	}

	@Test
	void aRowThatFailsToMapIsSignalledOnceTheStatementHasBeenRead() {
		BiFunction<Row, RowMetadata, Object> failing = ReadToEnd.guard((row, md) -> {
			throw new IllegalStateException("row 2 does not map");
		});
		new ReadToEnd<String>(this.driver.flux()).subscribe(this.recorder);
		this.recorder.request(10);
		this.driver.next("a", failing.apply(null, null));
		// Unbounded demand, less the two signals the test publisher counts off it.
		this.driver.assertNotCancelled().assertMinRequested(Long.MAX_VALUE - 2);
		this.driver.next("c");
		assertThat(this.recorder.error).as("not before the driver is done").isNull();
		this.driver.complete();
		assertThat(this.recorder.values).containsExactly("a");
		assertThat(this.recorder.error).isInstanceOf(IllegalStateException.class).hasMessage("row 2 does not map");
	}

	@Test
	void aDriverErrorAfterAFailedRowIsKeptAsSuppressed() {
		BiFunction<Row, RowMetadata, Object> failing = ReadToEnd.guard((row, md) -> {
			throw new IllegalStateException("row 1 does not map");
		});
		new ReadToEnd<String>(this.driver.flux()).subscribe(this.recorder);
		this.recorder.request(10);
		this.driver.next(failing.apply(null, null));
		this.driver.error(new IllegalArgumentException("driver failed"));
		assertThat(this.recorder.error).hasMessage("row 1 does not map");
		assertThat(this.recorder.error.getSuppressed()).singleElement()
			.satisfies((ex) -> assertThat(ex).hasMessage("driver failed"));
	}

	@Test
	void mappingsThatSucceedAreReturnedAsThey() {
		BiFunction<Row, RowMetadata, Object> mapping = ReadToEnd.guard((row, md) -> "mapped");
		assertThat(mapping.apply(null, null)).isEqualTo("mapped");
	}

	@Test
	void aTransactionEndsOnlyOnceItsCancelledStatementHasBeenRead() {
		ConnectionPool pool = TestDatabase.h2PoolOfOne("read_to_end_tests");
		try {
			Disposable transaction = TransactionScope.run("default", pool,
					(scope) -> ReadToEnd.countedBy(scope, new ReadToEnd<String>(this.driver.flux())))
				.subscribe();
			this.driver.assertWasSubscribed();
			transaction.dispose();
			assertThat(pool.getMetrics().orElseThrow().acquiredSize()).as("ROLLBACK waits for the statement").isOne();
			this.driver.next("a").complete();
			TestDatabase.awaitReleased(pool);
		}
		finally {
			pool.dispose();
		}
	}

	@Test
	void aStatementOfACommittingTransactionIsNotSentAndFails() {
		ConnectionPool pool = TestDatabase.h2PoolOfOne("read_to_end_tests_3");
		try {
			AtomicReference<TransactionScope> seen = new AtomicReference<>();
			TransactionScope.run("default", pool, (scope) -> {
				seen.set(scope);
				scope.statementStarting(); // a statement on the wire holds the COMMIT back
				return Mono.empty();
			}).subscribe();
			ReadToEnd.countedBy(seen.get(), new ReadToEnd<String>(this.driver.flux())).subscribe(this.recorder);
			this.driver.assertWasNotSubscribed();
			assertThat(this.recorder.error).isInstanceOf(TransactionManagementException.class)
				.hasMessageContaining("is ending");
			seen.get().statementEnded();
			TestDatabase.awaitReleased(pool);
		}
		finally {
			pool.dispose();
		}
	}

	@Test
	void aStatementOfACancelledTransactionIsNotSentAndEndsQuietly() {
		ConnectionPool pool = TestDatabase.h2PoolOfOne("read_to_end_tests_2");
		try {
			TestPublisher<Object> first = TestPublisher.createNoncompliant(TestPublisher.Violation.REQUEST_OVERFLOW);
			AtomicReference<TransactionScope> seen = new AtomicReference<>();
			Disposable transaction = TransactionScope.run("default", pool,
					(scope) -> {
						seen.set(scope);
						return ReadToEnd.countedBy(scope, new ReadToEnd<String>(first.flux()));
					})
				.subscribe();
			transaction.dispose();
			ReadToEnd.countedBy(seen.get(), new ReadToEnd<String>(this.driver.flux())).subscribe(this.recorder);
			this.driver.assertWasNotSubscribed();
			assertThat(this.recorder.error).as("a cancel is not an error").isNull();
			assertThat(this.recorder.completed).isTrue();
			first.complete();
			TestDatabase.awaitReleased(pool);
		}
		finally {
			pool.dispose();
		}
	}

}

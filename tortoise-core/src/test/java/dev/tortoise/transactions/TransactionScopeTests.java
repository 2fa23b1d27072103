package dev.tortoise.transactions;

import java.util.concurrent.atomic.AtomicReference;

import dev.tortoise.exceptions.TransactionManagementException;
import dev.tortoise.testing.TestDatabase;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.Connection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A transaction ends (COMMIT, ROLLBACK, savepoint rollback) only once its statements are
 * off the wire, on a real H2 pool; the statements are stood in for by the counting calls
 * the query layer makes around each one.
 */
class TransactionScopeTests {

	/** Each transaction below begins before subscribe returns. */
	private final ConnectionPool pool = TestDatabase.h2PoolOfOne("transaction_scope_tests");

	@AfterEach
	void close() {
		this.pool.dispose();
	}

	private int acquired() {
		return this.pool.getMetrics().orElseThrow().acquiredSize();
	}

	private boolean nextConnectionIsOutsideATransaction() {
		return Mono.usingWhen(this.pool.create(), (c) -> Mono.just(c.isAutoCommit()), Connection::close).block();
	}

	@Test
	void aCancelledTransactionRollsBackOnlyAfterItsStatementsOnTheWire() {
		AtomicReference<TransactionScope> scope = new AtomicReference<>();
		Disposable transaction = TransactionScope.run("default", this.pool, (s) -> {
			scope.set(s);
			assertThat(s.statementStarting()).isTrue();
			return Flux.never();
		}).subscribe();
		transaction.dispose();
		assertThat(acquired()).as("held while its statement is on the wire").isOne();
		assertThat(scope.get().connection().isAutoCommit()).as("not rolled back yet").isFalse();
		assertThat(scope.get().statementStarting()).as("an ending transaction sends nothing more").isFalse();
		scope.get().statementEnded();
		TestDatabase.awaitReleased(this.pool);
		assertThat(nextConnectionIsOutsideATransaction()).isTrue();
	}

	@Test
	void aCompletedTransactionCommitsOnceItsLastStatementHasEnded() {
		AtomicReference<TransactionScope> scope = new AtomicReference<>();
		AtomicReference<Boolean> done = new AtomicReference<>(false);
		TransactionScope.run("default", this.pool, (s) -> {
			scope.set(s);
			s.statementStarting();
			return Mono.just(1);
		}).subscribe(null, null, () -> done.set(true));
		assertThat(done.get()).as("COMMIT waits for the statement").isFalse();
		assertThat(acquired()).isOne();
		scope.get().statementEnded();
		assertThat(done.get()).isTrue();
		TestDatabase.awaitReleased(this.pool);
		assertThat(nextConnectionIsOutsideATransaction()).isTrue();
	}

	@Test
	void aSavepointWaitsForItsOwnStatementsButNotForTheTransactions() {
		AtomicReference<TransactionScope> outer = new AtomicReference<>();
		AtomicReference<TransactionScope> nested = new AtomicReference<>();
		AtomicReference<Throwable> nestedError = new AtomicReference<>();
		Disposable transaction = TransactionScope.run("default", this.pool, (o) -> {
			outer.set(o);
			o.statementStarting(); // a statement of the transaction, still on the wire throughout
			return TransactionScope.run("default", this.pool, (n) -> {
				nested.set(n);
				n.statementStarting();
				return Mono.<Integer>error(new IllegalStateException("boom"));
			}).doOnError(nestedError::set).onErrorResume((ex) -> Mono.never());
		}).subscribe();
		assertThat(nested.get()).isNotSameAs(outer.get());
		assertThat(nestedError.get()).as("the savepoint's rollback waits for its statement").isNull();
		nested.get().statementEnded();
		assertThat(nestedError.get()).hasMessage("boom");
		assertThat(nested.get().statementStarting()).as("a savepoint that ended runs nothing more").isFalse();
		assertThat(outer.get().statementStarting()).as("its transaction goes on").isTrue();
		outer.get().statementEnded();
		transaction.dispose();
		assertThat(acquired()).isOne();
		outer.get().statementEnded();
		TestDatabase.awaitReleased(this.pool);
		assertThat(nextConnectionIsOutsideATransaction()).isTrue();
	}

	@Test
	void aStatementRefusedByAnEndingTransactionLeavesTheCountsAsTheyWere() {
		AtomicReference<TransactionScope> outer = new AtomicReference<>();
		AtomicReference<TransactionScope> nested = new AtomicReference<>();
		Disposable transaction = TransactionScope.run("default", this.pool, (o) -> {
			outer.set(o);
			o.statementStarting();
			return TransactionScope.run("default", this.pool, (n) -> {
				nested.set(n);
				return Flux.never();
			});
		}).subscribe();
		transaction.dispose();
		// The transaction is ending (waiting for its statement): the savepoint's statements are refused.
		assertThat(nested.get().statementStarting()).isFalse();
		outer.get().statementEnded();
		TestDatabase.awaitReleased(this.pool);
		assertThat(nextConnectionIsOutsideATransaction()).isTrue();
	}

	@Test
	void aSavepointCannotStartInAnEndingTransaction() {
		AtomicReference<TransactionScope> outer = new AtomicReference<>();
		AtomicReference<Throwable> error = new AtomicReference<>();
		Disposable transaction = TransactionScope.run("default", this.pool, (o) -> {
			outer.set(o);
			o.statementStarting();
			return Flux.never();
		}).subscribe();
		transaction.dispose();
		TransactionScope.run("default", this.pool, (n) -> Mono.just(1))
			.contextWrite((c) -> c.put(TransactionScope.class.getName(), java.util.Map.of("default", outer.get())))
			.subscribe(null, error::set);
		assertThat(error.get()).isInstanceOf(TransactionManagementException.class).hasMessageContaining("is ending");
		outer.get().statementEnded();
		TestDatabase.awaitReleased(this.pool);
	}

}

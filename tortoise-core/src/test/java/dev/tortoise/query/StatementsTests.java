package dev.tortoise.query;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StatementsTests {

	@Test
	void aStatementIsWrittenOncePerKey() {
		Statements statements = new Statements();
		AtomicInteger written = new AtomicInteger();
		String first = statements.get("k", (k) -> "text " + written.incrementAndGet());
		String second = statements.get("k", (k) -> "text " + written.incrementAndGet());
		assertThat(second).isSameAs(first);
		assertThat(written).hasValue(1);
		assertThat(statements.keys()).containsExactly("k");
	}

	@Test
	void oneOffStatementsAndStatementsWithoutKeyAreNotKept() {
		Statements statements = new Statements();
		statements.get(null, (k) -> "no key");
		statements.get("long list", (k) -> "one off", (v) -> false);
		assertThat(statements.size()).isZero();
	}

	@Test
	void pastItsBoundTheCacheStopsGrowingButStillAnswers() {
		Statements statements = new Statements();
		for (int i = 0; i < Statements.MAX + 10; i++) {
			int n = i;
			String text = statements.get(i, (k) -> "text " + n);
			assertThat(text).isEqualTo("text " + n);
		}
		assertThat(statements.size()).isEqualTo(Statements.MAX);
	}

}

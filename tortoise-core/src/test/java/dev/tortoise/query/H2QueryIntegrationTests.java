package dev.tortoise.query;

import java.math.BigDecimal;

import dev.tortoise.testing.TestDatabase;
import dev.tortoise.testmodels.query.Event;
import dev.tortoise.testmodels.query.Tournament;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link QueryIntegrationTests} on embedded H2 in memory. */
class H2QueryIntegrationTests extends QueryIntegrationTests {

	@Override
	TestDatabase createDatabase() {
		return null;
	}

	@Override
	String url() {
		return "h2://:memory:";
	}

	@Test
	void pagingThroughManyOffsetsStopsCachingStatementsButNotAnswering() {
		Tournament t = this.ctx.create(new Tournament("Cup")).block();
		for (String name : new String[] { "A", "B", "C" }) {
			Event e = new Event(name, t);
			e.prize = BigDecimal.ONE;
			this.ctx.create(e).block();
		}
		var q = this.ctx.objects(Event.class).orderBy("name");
		for (int offset = 0; offset < QueryEngine.MAX_PLANS + 10; offset++) {
			assertThat(q.offset(offset).count().block()).isEqualTo(Math.max(0, 3 - offset));
		}
		assertThat(q.engine.cachedReads()).isEqualTo(QueryEngine.MAX_PLANS);
		assertThat(q.filter("name__in", java.util.List.of("C", "A")).all().map((e) -> e.name).collectList().block())
			.containsExactly("A", "C");
		assertThat(q.engine.cachedReads()).isEqualTo(QueryEngine.MAX_PLANS);
	}

}

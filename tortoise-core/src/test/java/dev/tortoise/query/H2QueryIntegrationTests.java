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
	void pagingThroughManyOffsetsReusesOneStatement() {
		Tournament t = this.ctx.create(new Tournament("Cup")).block();
		for (String name : new String[] { "A", "B", "C" }) {
			Event e = new Event(name, t);
			e.prize = BigDecimal.ONE;
			this.ctx.create(e).block();
		}
		var q = this.ctx.objects(Event.class).orderBy("name");
		assertThat(q.limit(1).offset(0).all().map((e) -> e.name).collectList().block()).containsExactly("A");
		int cached = q.engine.statements().size();
		for (int offset = 1; offset < 50; offset++) {
			assertThat(q.limit(1).offset(offset).all().map((e) -> e.name).collectList().block())
				.isEqualTo((offset < 3) ? java.util.List.of(new String[] { "A", "B", "C" }[offset]) : java.util.List.of());
		}
		assertThat(q.engine.statements().size()).as("one statement for every page").isEqualTo(cached);
	}

}

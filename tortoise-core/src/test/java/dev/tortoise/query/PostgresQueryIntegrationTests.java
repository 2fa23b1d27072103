package dev.tortoise.query;

import java.util.List;

import dev.tortoise.query.sql.Compiled;
import dev.tortoise.testing.TestDatabase;
import dev.tortoise.testmodels.query.Event;
import dev.tortoise.testmodels.query.Tournament;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link QueryIntegrationTests} on a real PostgreSQL server. */
class PostgresQueryIntegrationTests extends QueryIntegrationTests {

	@Override
	TestDatabase createDatabase() {
		return TestDatabase.postgres("query");
	}

	@Test
	void fiftyPagesArePreparedOnceOnTheServer() {
		Tournament cup = this.ctx.create(new Tournament("Paged")).block();
		this.ctx.bulkCreate(java.util.stream.IntStream.range(0, 60).mapToObj((i) -> new Event("P" + i, cup)).toList())
			.block();
		// One connection for every page, so that its server session shows what the driver prepared.
		List<Long> prepared = this.ctx.inTransaction("default", (tx) -> {
			QuerySet<Event> q = tx.objects(Event.class).filter("tournament", cup).orderBy("name");
			Engine engine = q.engine;
			return Flux.range(0, 50)
				.concatMap((n) -> q.limit(20).offset(n).all().collectList())
				.then(engine.run("default", engine.bind("default", new Compiled("SELECT COUNT(*) FROM"
						+ " pg_prepared_statements WHERE statement LIKE '%FROM \"event\"%LIMIT $2 OFFSET $3'", List.of())),
						(row, md) -> ((Number) row.get(0)).longValue()).single());
		}).collectList().block();
		assertThat(prepared).containsExactly(1L);
	}

}

package dev.tortoise.benchmarks;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.tortoise.Tortoise;
import dev.tortoise.TortoiseContext;
import dev.tortoise.benchmarks.model.BEvent;
import dev.tortoise.benchmarks.model.BTeam;
import dev.tortoise.benchmarks.model.BTournament;
import dev.tortoise.config.TortoiseConfig;
import io.r2dbc.spi.ConnectionFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Filters through many-to-many relations over 10,000 events of 100 teams, two teams each: a
 * key of one relation ({@code participants__name}) and one of three
 * ({@code participants__events__participants__name}). Each relation is a subquery, so three
 * cost a small multiple of one; joined, each hop multiplied the rows (a team's 200 events,
 * each event's 2 teams, ...).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TraversalBenchmark {

	static final int EVENTS = 10_000;

	static final int TEAMS = 100;

	@Param({ "h2", "postgres" })
	public String db;

	TortoiseContext ctx;

	@Setup(Level.Trial)
	public void setUp() {
		String url = "h2".equals(this.db) ? "h2://:memory:?maxsize=4"
				: System.getenv().getOrDefault("TORTOISE_BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test")
						+ "?schema=tortoise_traversal&maxsize=4";
		this.ctx = Tortoise.init(TortoiseConfig.builder().connection("default", url)
			.app("bench", List.of("dev.tortoise.benchmarks.model")).build()).block();
		ConnectionFactory pool = this.ctx.connections().get("default");
		if ("postgres".equals(this.db)) {
			OrmBenchmark.execute(pool, "DROP SCHEMA IF EXISTS tortoise_traversal CASCADE", "CREATE SCHEMA tortoise_traversal");
		}
		this.ctx.generateSchemas().block();
		BTournament cup = new BTournament();
		cup.name = "Cup";
		this.ctx.create(cup).block();
		List<BTeam> teams = new ArrayList<>();
		for (int i = 0; i < TEAMS; i++) {
			BTeam t = new BTeam();
			t.name = "Team " + i;
			teams.add(t);
		}
		this.ctx.bulkCreate(teams).block();
		List<BEvent> events = new ArrayList<>();
		for (int i = 0; i < EVENTS; i++) {
			events.add(new BEvent("Event " + i, BigDecimal.ONE, i % 100, cup));
		}
		this.ctx.bulkCreate(events).block();
		StringBuilder pairs = new StringBuilder();
		for (int i = 0; i < EVENTS; i++) {
			long event = events.get(i).id;
			pairs.append((pairs.length() == 0) ? "" : ", ").append('(').append(event).append(", ")
				.append(teams.get(i % TEAMS).id).append("), (").append(event).append(", ")
				.append(teams.get((i * 7 + 1) % TEAMS).id).append(')');
		}
		OrmBenchmark.execute(pool, "INSERT INTO b_event_team (event_id, team_id) VALUES " + pairs);
		if ("postgres".equals(this.db)) {
			OrmBenchmark.execute(pool, "ANALYZE");
		}
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.ctx.close();
	}

	@Benchmark
	public Long oneRelation() {
		return this.ctx.objects(BEvent.class).filter("participants__name", "Team 7").count().block();
	}

	@Benchmark
	public Long threeRelations() {
		return this.ctx.objects(BEvent.class).filter("participants__events__participants__name", "Team 7").count().block();
	}

}

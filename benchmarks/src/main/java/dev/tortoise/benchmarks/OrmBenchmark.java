package dev.tortoise.benchmarks;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import dev.tortoise.Tortoise;
import dev.tortoise.TortoiseContext;
import dev.tortoise.benchmarks.model.BEvent;
import dev.tortoise.benchmarks.model.BTeam;
import dev.tortoise.benchmarks.model.BTournament;
import dev.tortoise.benchmarks.springdata.SdEvent;
import dev.tortoise.benchmarks.springdata.SdTeam;
import dev.tortoise.benchmarks.springdata.SdTournament;
import dev.tortoise.config.TortoiseConfig;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Statement;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.data.domain.Sort;
import org.springframework.data.r2dbc.convert.MappingR2dbcConverter;
import org.springframework.data.r2dbc.convert.R2dbcCustomConversions;
import org.springframework.data.r2dbc.core.R2dbcEntityTemplate;
import org.springframework.data.r2dbc.dialect.DialectResolver;
import org.springframework.data.r2dbc.dialect.R2dbcDialect;
import org.springframework.data.r2dbc.mapping.R2dbcMappingContext;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.data.relational.core.query.Criteria;
import org.springframework.data.relational.core.query.Query;
import org.springframework.data.relational.core.query.Update;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Tortoise against the raw driver and Spring Data R2DBC, all three on Tortoise's own pool
 * (same database, driver and pool size). Method names are {@code operation_contender}.
 *
 * <p>The heap is fixed: H2 keeps its tables in it, and a heap that grows while inserts fill
 * them changed a fork's throughput threefold from one iteration to the next.
 */
@State(Scope.Benchmark)
@Fork(jvmArgsAppend = { "-Xms4g", "-Xmx4g" })
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class OrmBenchmark {

	static final int EVENTS = 1000;

	static final int TEAMS = 10;

	@Param({ "h2", "postgres", "mysql" })
	public String db;

	/** Texts of the raw statements in the database's placeholders ({@code $1} or MySQL's {@code ?}), written once. */
	String insertOneSql;

	String getByPkSql;

	String filter100Sql;

	String countSql;

	String updateSql;

	/** The {@code n}-th placeholder (1-based) as the database writes it. */
	String ph(int n) {
		return "mysql".equals(this.db) ? "?" : "$" + n;
	}

	TortoiseContext ctx;

	ConnectionFactory pool;

	R2dbcEntityTemplate template;

	long tournamentId;

	long firstEventId;

	long lastSeedId;

	BTournament tournament;

	@Setup(Level.Trial)
	public void setUp() {
		String url = "h2".equals(this.db) ? "h2://:memory:?minsize=4&maxsize=4"
				: "mysql".equals(this.db)
						? System.getenv().getOrDefault("TORTOISE_BENCH_MYSQL_URL", "mysql://root:@127.0.0.1:3306/test")
								+ "?minsize=4&maxsize=4"
				: System.getenv().getOrDefault("TORTOISE_BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test")
						// Commits do not wait for the disk: a WAL flush varies more on this kind of machine
						// than anything the three contenders do, and they are here to compare client cost.
						+ "?schema=tortoise_bench&minsize=4&maxsize=4&options=synchronous_commit%3Doff";
		this.insertOneSql = "INSERT INTO b_event (name, prize, score, tournament_id) VALUES (" + ph(1) + ", " + ph(2)
				+ ", " + ph(3) + ", " + ph(4) + ")";
		this.getByPkSql = "SELECT " + COLUMNS + " FROM b_event WHERE id = " + ph(1);
		this.filter100Sql = "SELECT " + COLUMNS + " FROM b_event WHERE score >= " + ph(1) + " ORDER BY name LIMIT 100";
		this.countSql = "SELECT COUNT(*) FROM b_event WHERE score > " + ph(1);
		this.updateSql = "UPDATE b_event SET prize = " + ph(1) + " WHERE score = " + ph(2);
		this.ctx = Tortoise.init(TortoiseConfig.builder().connection("default", url)
			.app("bench", List.of("dev.tortoise.benchmarks.model")).build()).block();
		this.pool = this.ctx.connections().get("default");
		if ("postgres".equals(this.db)) {
			execute(this.pool, "CREATE SCHEMA IF NOT EXISTS tortoise_bench");
		}
		execute(this.pool, "DROP TABLE IF EXISTS b_event_team CASCADE", "DROP TABLE IF EXISTS b_event CASCADE",
				"DROP TABLE IF EXISTS b_team CASCADE", "DROP TABLE IF EXISTS b_tournament CASCADE");
		this.ctx.generateSchemas().block();
		this.tournament = new BTournament();
		this.tournament.name = "Cup";
		this.ctx.create(this.tournament).block();
		this.tournamentId = this.tournament.id;
		List<BTeam> teams = new ArrayList<>();
		for (int i = 0; i < TEAMS; i++) {
			BTeam t = new BTeam();
			t.name = "Team " + i;
			teams.add(t);
		}
		this.ctx.bulkCreate(teams).block();
		List<BEvent> events = new ArrayList<>();
		for (int i = 0; i < EVENTS; i++) {
			events.add(new BEvent("Event " + i, BigDecimal.valueOf(i, 2), i % 100, this.tournament));
		}
		this.ctx.bulkCreate(events).block();
		for (int i = 0; i < EVENTS; i++) {
			this.ctx.m2m(events.get(i), "participants").add(teams.get(i % TEAMS), teams.get((i + 1) % TEAMS)).block();
		}
		this.firstEventId = events.get(0).id;
		this.lastSeedId = events.get(EVENTS - 1).id;
		// Spring Data quotes upper-cased names on H2 unless told not to force quotes.
		R2dbcDialect dialect = DialectResolver.getDialect(this.pool);
		R2dbcCustomConversions conversions = R2dbcCustomConversions.of(dialect, List.of());
		R2dbcMappingContext mapping = new R2dbcMappingContext();
		mapping.setForceQuote(false);
		mapping.setSimpleTypeHolder(conversions.getSimpleTypeHolder());
		this.template = new R2dbcEntityTemplate(
				DatabaseClient.builder().connectionFactory(this.pool).bindMarkers(dialect.getBindMarkersFactory()).build(), dialect,
				new MappingR2dbcConverter(mapping, conversions));
	}

	@TearDown(Level.Iteration)
	public void removeInsertedRows() {
		execute(this.pool, "DELETE FROM b_event WHERE id > " + this.lastSeedId);
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.ctx.close();
	}

	/** Runs statements in order on one connection of the pool, outside every contender's code. */
	static void execute(ConnectionFactory pool, String... statements) {
		Flux.usingWhen(pool.create(), (Connection c) -> Flux.fromArray(statements)
			.concatMap((s) -> Flux.from(c.createStatement(s).execute()).flatMap((r) -> r.getRowsUpdated())),
				Connection::close)
			.blockLast();
	}

	private long randomEventId() {
		return this.firstEventId + ThreadLocalRandom.current().nextInt(EVENTS);
	}

	private static int randomScore() {
		return ThreadLocalRandom.current().nextInt(100);
	}

	/** The raw driver's row type. */
	public record RawEvent(Long id, String name, BigDecimal prize, int score, Long tournamentId) {
	}

	/** A related row as the hand-written version keeps it: its key and its name. */
	public record RawNamed(Long id, String name) {
	}

	static final String COLUMNS = "id, name, prize, score, tournament_id";

	static RawEvent rawEvent(io.r2dbc.spi.Row row) {
		return new RawEvent(row.get(0, Long.class), row.get(1, String.class), row.get(2, BigDecimal.class),
				row.get(3, Integer.class), row.get(4, Long.class));
	}

	private <T> Flux<T> raw(java.util.function.Function<Connection, org.reactivestreams.Publisher<T>> work) {
		return raw(this.pool, work);
	}

	/** Work on one connection of the pool, closed after it as a careful user closes it. */
	static <T> Flux<T> raw(ConnectionFactory pool, java.util.function.Function<Connection, org.reactivestreams.Publisher<T>> work) {
		return Flux.usingWhen(pool.create(), work, Connection::close);
	}

	// --- insert one -------------------------------------------------------------------

	@Benchmark
	public Object insertOne_tortoise() {
		return this.ctx.create(new BEvent("new", BigDecimal.ONE, 1, this.tournament)).block();
	}

	@Benchmark
	public Object insertOne_raw() {
		return raw((c) -> Flux.from(c.createStatement(this.insertOneSql)
			.bind(0, "new").bind(1, BigDecimal.ONE.setScale(2)).bind(2, 1).bind(3, this.tournamentId)
			.returnGeneratedValues("id").execute()).flatMap((r) -> r.map((row, md) -> row.get(0, Long.class)))).blockLast();
	}

	@Benchmark
	public Object insertOne_springData() {
		return this.template.insert(new SdEvent("new", BigDecimal.ONE, 1, this.tournamentId)).block();
	}

	// --- bulk insert of 1,000 rows ---------------------------------------------------------

	@Benchmark
	public Object bulkInsert1000_tortoise() {
		List<BEvent> events = new ArrayList<>(1000);
		for (int i = 0; i < 1000; i++) {
			events.add(new BEvent("bulk " + i, BigDecimal.ONE, i % 100, this.tournament));
		}
		return this.ctx.bulkCreate(events).block();
	}

	@Benchmark
	public Object bulkInsert1000_raw() {
		StringBuilder sql = new StringBuilder("INSERT INTO b_event (name, prize, score, tournament_id) VALUES ");
		for (int i = 0; i < 1000; i++) {
			int p = i * 4;
			sql.append((i > 0) ? ", " : "").append('(').append(ph(p + 1)).append(", ").append(ph(p + 2)).append(", ")
				.append(ph(p + 3)).append(", ").append(ph(p + 4)).append(')');
		}
		String text = sql.toString();
		return raw((c) -> {
			Statement s = c.createStatement(text);
			BigDecimal one = BigDecimal.ONE.setScale(2);
			for (int i = 0; i < 1000; i++) {
				int p = i * 4;
				s.bind(p, "bulk " + i).bind(p + 1, one).bind(p + 2, i % 100).bind(p + 3, this.tournamentId);
			}
			return Flux.from(s.returnGeneratedValues("id").execute())
				.flatMap((r) -> r.map((row, md) -> row.get(0, Long.class)));
		}).collectList().block();
	}

	@Benchmark
	public Object bulkInsert1000_springData() {
		List<SdEvent> events = new ArrayList<>(1000);
		for (int i = 0; i < 1000; i++) {
			events.add(new SdEvent("bulk " + i, BigDecimal.ONE, i % 100, this.tournamentId));
		}
		// SimpleR2dbcRepository.saveAll: one INSERT per entity, in order.
		return Flux.fromIterable(events).concatMap(this.template::insert).collectList().block();
	}

	// --- get by primary key -----------------------------------------------------------------

	@Benchmark
	public Object getByPk_tortoise() {
		return this.ctx.objects(BEvent.class).filter("id", randomEventId()).get().block();
	}

	@Benchmark
	public Object getByPk_raw() {
		long id = randomEventId();
		return raw((c) -> Flux.from(c.createStatement(this.getByPkSql).bind(0, id)
			.execute()).flatMap((r) -> r.map((row, md) -> rawEvent(row)))).blockLast();
	}

	@Benchmark
	public Object getByPk_springData() {
		return this.template.selectOne(Query.query(Criteria.where("id").is(randomEventId())), SdEvent.class).block();
	}

	// --- filter, order, limit 100 ---------------------------------------------------------------

	@Benchmark
	public Object filter100_tortoise() {
		return this.ctx.objects(BEvent.class).filter("score__gte", 10).orderBy("name").limit(100).all().collectList()
			.block();
	}

	@Benchmark
	public Object filter100_raw() {
		return raw((c) -> Flux.from(c.createStatement(this.filter100Sql).bind(0, 10).execute())
			.flatMap((r) -> r.map((row, md) -> rawEvent(row)))).collectList().block();
	}

	@Benchmark
	public Object filter100_springData() {
		return this.template.select(Query.query(Criteria.where("score").greaterThanOrEquals(10)).sort(Sort.by("name"))
			.limit(100), SdEvent.class).collectList().block();
	}

	// --- 100 events with their tournament and participants ------------------------------------------

	@Benchmark
	public Object relations100_tortoise() {
		return this.ctx.objects(BEvent.class).orderBy("id").limit(100).prefetchRelated("tournament", "participants")
			.all().collectList().block();
	}

	/**
	 * What a careful user writes by hand: three queries, keyed by ids, reading the related rows
	 * as Tortoise and Spring Data do (key and name), not their names alone.
	 */
	@Benchmark
	public Object relations100_raw() {
		return raw((c) -> Flux.from(c.createStatement("SELECT " + COLUMNS + " FROM b_event ORDER BY id LIMIT 100").execute())
			.flatMap((r) -> r.map((row, md) -> rawEvent(row))).collectList().flatMap((events) -> {
				Set<Long> tournamentIds = new LinkedHashSet<>();
				List<Long> eventIds = new ArrayList<>();
				events.forEach((e) -> {
					tournamentIds.add(e.tournamentId());
					eventIds.add(e.id());
				});
				Mono<Map<Long, RawNamed>> tournaments = in(c, "SELECT id, name FROM b_tournament WHERE id IN ", tournamentIds)
					.flatMap((r) -> r.map((row, md) -> new RawNamed(row.get(0, Long.class), row.get(1, String.class))))
					.collectMap(RawNamed::id);
				Mono<Map<Long, List<RawNamed>>> teams = in(c,
						"SELECT et.event_id, t.id, t.name FROM b_team t JOIN b_event_team et ON et.team_id = t.id WHERE et.event_id IN ",
						eventIds)
					.flatMap((r) -> r.map((row, md) -> Map.entry(row.get(0, Long.class),
							new RawNamed(row.get(1, Long.class), row.get(2, String.class)))))
					.collectMultimap(Map.Entry::getKey, Map.Entry::getValue)
					.map((m) -> {
						Map<Long, List<RawNamed>> out = new HashMap<>();
						m.forEach((k, v) -> out.put(k, new ArrayList<>(v)));
						return out;
					});
				return tournaments.zipWith(teams).map((both) -> Map.of("events", events, "tournaments", both.getT1(),
						"teams", both.getT2()));
			})).blockLast();
	}

	private Flux<io.r2dbc.spi.Result> in(Connection c, String sql, java.util.Collection<Long> ids) {
		StringBuilder text = new StringBuilder(sql).append('(');
		for (int i = 0; i < ids.size(); i++) {
			text.append((i > 0) ? ", " : "").append(ph(i + 1));
		}
		Statement s = c.createStatement(text.append(')').toString());
		int i = 0;
		for (Long id : ids) {
			s.bind(i++, id);
		}
		return Flux.from(s.execute());
	}

	/** Spring Data R2DBC has no relations: three queries by hand through the template. */
	@Benchmark
	public Object relations100_springData() {
		return this.template.select(Query.empty().sort(Sort.by("id")).limit(100), SdEvent.class).collectList()
			.flatMap((events) -> {
				Set<Long> tournamentIds = new LinkedHashSet<>();
				List<Long> eventIds = new ArrayList<>();
				events.forEach((e) -> {
					tournamentIds.add(e.tournamentId);
					eventIds.add(e.id);
				});
				Mono<Map<Long, SdTournament>> tournaments = this.template
					.select(Query.query(Criteria.where("id").in(tournamentIds)), SdTournament.class)
					.collectMap((t) -> t.id);
				Mono<Map<Long, List<SdTeam>>> teams = this.template.getDatabaseClient()
					.sql("SELECT et.event_id, t.id, t.name FROM b_team t JOIN b_event_team et ON et.team_id = t.id"
							+ " WHERE et.event_id IN (:ids)")
					.bind("ids", eventIds)
					.map((row, md) -> {
						SdTeam team = new SdTeam();
						team.id = row.get(1, Long.class);
						team.name = row.get(2, String.class);
						return Map.entry(row.get(0, Long.class), team);
					})
					.all()
					.collectMultimap(Map.Entry::getKey, Map.Entry::getValue)
					.map((m) -> {
						Map<Long, List<SdTeam>> out = new HashMap<>();
						m.forEach((k, v) -> out.put(k, new ArrayList<>(v)));
						return out;
					});
				return tournaments.zipWith(teams).map((both) -> {
					for (SdEvent e : events) {
						e.tournament = both.getT1().get(e.tournamentId);
						e.participants = both.getT2().getOrDefault(e.id, List.of());
					}
					return events;
				});
			}).block();
	}

	// --- count ------------------------------------------------------------------------

	@Benchmark
	public Object count_tortoise() {
		return this.ctx.objects(BEvent.class).filter("score__gt", 50).count().block();
	}

	@Benchmark
	public Object count_raw() {
		return raw((c) -> Flux.from(c.createStatement(this.countSql).bind(0, 50).execute())
			.flatMap((r) -> r.map((row, md) -> row.get(0, Long.class)))).blockLast();
	}

	@Benchmark
	public Object count_springData() {
		return this.template.count(Query.query(Criteria.where("score").greaterThan(50)), SdEvent.class).block();
	}

	// --- update by filter ------------------------------------------------------------------

	@Benchmark
	public Object updateByFilter_tortoise() {
		return this.ctx.objects(BEvent.class).filter("score", randomScore()).update(Map.of("prize", BigDecimal.TEN)).block();
	}

	@Benchmark
	public Object updateByFilter_raw() {
		int score = randomScore();
		return raw((c) -> Flux.from(c.createStatement(this.updateSql)
			.bind(0, BigDecimal.TEN.setScale(2)).bind(1, score).execute()).flatMap((r) -> r.getRowsUpdated())).blockLast();
	}

	@Benchmark
	public Object updateByFilter_springData() {
		return this.template.update(Query.query(Criteria.where("score").is(randomScore())),
				Update.update("prize", BigDecimal.TEN), SdEvent.class).block();
	}

	// --- annotate: teams with the number of their events ----------------------------------

	/** The teams and how many events each plays in: one grouped query over the through table. */
	@Benchmark
	public Object annotateCount_tortoise() {
		return this.ctx.objects(BTeam.class).annotate("events", dev.tortoise.query.Functions.count("events"))
			.orderBy("id").valuesList("id", "name", "events").collectList().block();
	}

	private static final String TEAM_COUNTS = "SELECT t.id, t.name, COUNT(et.event_id) FROM b_team t"
			+ " LEFT JOIN b_event_team et ON et.team_id = t.id GROUP BY t.id, t.name ORDER BY t.id";

	@Benchmark
	public Object annotateCount_raw() {
		return raw((c) -> Flux.from(c.createStatement(TEAM_COUNTS).execute())
			.flatMap((r) -> r.map((row, md) -> List.of(row.get(0, Long.class), row.get(1, String.class),
					row.get(2, Long.class)))))
			.collectList().block();
	}

	@Benchmark
	public Object annotateCount_springData() {
		return this.template.getDatabaseClient().sql(TEAM_COUNTS)
			.map((row, md) -> List.of(row.get(0, Long.class), row.get(1, String.class), row.get(2, Long.class)))
			.all().collectList().block();
	}

	// --- upsert: the teams written again, each row's name updated on its key's conflict ----

	private List<BTeam> upsertTeams() {
		List<BTeam> teams = new ArrayList<>(TEAMS);
		long first = this.ctx.objects(BTeam.class).orderBy("id").first().map((t) -> t.id).block();
		for (int i = 0; i < TEAMS; i++) {
			BTeam t = new BTeam();
			t.id = first + i;
			t.name = "Team " + i;
			teams.add(t);
		}
		return teams;
	}

	private List<BTeam> teamsToUpsert;

	private List<BTeam> teams() {
		if (this.teamsToUpsert == null) {
			this.teamsToUpsert = upsertTeams();
		}
		return this.teamsToUpsert;
	}

	private static final dev.tortoise.query.BulkOptions UPSERT = dev.tortoise.query.BulkOptions.defaults()
		.onConflict("id").updateFields("name");

	@Benchmark
	public Object upsert_tortoise() {
		return this.ctx.bulkCreate(teams(), UPSERT).block();
	}

	/**
	 * The statement a careful user writes for the database: ON CONFLICT on PostgreSQL, MERGE
	 * on H2, ON DUPLICATE KEY UPDATE on MariaDB.
	 */
	private String upsertSql() {
		StringBuilder sql = new StringBuilder("h2".equals(this.db)
				? "MERGE INTO b_team m USING (VALUES " : "INSERT INTO b_team (id, name) VALUES ");
		for (int i = 0; i < TEAMS; i++) {
			sql.append((i > 0) ? ", " : "").append('(').append(ph(2 * i + 1)).append(", ").append(ph(2 * i + 2)).append(')');
		}
		sql.append("h2".equals(this.db)
				? ") AS n (id, name) ON m.id = n.id WHEN MATCHED THEN UPDATE SET name = n.name"
						+ " WHEN NOT MATCHED THEN INSERT (id, name) VALUES (n.id, n.name)"
				: "mysql".equals(this.db) ? " ON DUPLICATE KEY UPDATE name = VALUES(name)"
				: " ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name");
		return sql.toString();
	}

	private String upsertSql;

	@Benchmark
	public Object upsert_raw() {
		if (this.upsertSql == null) {
			this.upsertSql = upsertSql();
		}
		List<BTeam> teams = teams();
		return raw((c) -> {
			io.r2dbc.spi.Statement st = c.createStatement(this.upsertSql);
			for (int i = 0; i < teams.size(); i++) {
				st.bind(2 * i, teams.get(i).id).bind(2 * i + 1, teams.get(i).name);
			}
			return Flux.from(st.execute()).flatMap((r) -> r.getRowsUpdated());
		}).blockLast();
	}

	@Benchmark
	public Object upsert_springData() {
		if (this.upsertSql == null) {
			this.upsertSql = upsertSql();
		}
		List<BTeam> teams = teams();
		org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec spec = this.template.getDatabaseClient()
			.sql(this.upsertSql);
		for (int i = 0; i < teams.size(); i++) {
			spec = spec.bind(2 * i, teams.get(i).id).bind(2 * i + 1, teams.get(i).name);
		}
		return spec.fetch().rowsUpdated().block();
	}

}

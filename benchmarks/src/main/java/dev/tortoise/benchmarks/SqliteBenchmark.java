package dev.tortoise.benchmarks;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import dev.tortoise.Tortoise;
import dev.tortoise.TortoiseContext;
import dev.tortoise.benchmarks.OrmBenchmark.RawEvent;
import dev.tortoise.benchmarks.model.BEvent;
import dev.tortoise.benchmarks.model.BTournament;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import reactor.core.publisher.Flux;

/**
 * SQLite, a file in WAL mode: Tortoise against the same SQL over raw R2DBC on our driver
 * (same pool), and over plain sqlite-jdbc on one thread with its statements prepared once,
 * the physical limit for this engine on the JVM. Method names are {@code operation_contender}.
 */
@State(Scope.Benchmark)
@Fork(jvmArgsAppend = { "-Xms4g", "-Xmx4g" })
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SqliteBenchmark {

	static final int EVENTS = 1000;

	Path file;

	TortoiseContext ctx;

	/** The same, with {@code caller_runs=true}: the benchmark's thread may block, so it runs the statements itself. */
	TortoiseContext inline;

	ConnectionFactory pool;

	java.sql.Connection jdbc;

	PreparedStatement jdbcGet;

	PreparedStatement jdbcFilter;

	PreparedStatement jdbcCount;

	PreparedStatement jdbcInsert;

	BTournament tournament;

	long firstEventId;

	long lastSeedId;

	@Setup(Level.Trial)
	public void setUp() throws Exception {
		Files.createDirectories(Path.of("target", "bench"));
		this.file = Path.of("target", "bench", "sqlite-" + UUID.randomUUID() + ".sqlite3").toAbsolutePath();
		this.ctx = Tortoise.init(TortoiseConfig.builder().connection("default", "sqlite://" + this.file + "?minsize=4&maxsize=4")
			.app("bench", List.of("dev.tortoise.benchmarks.model")).build()).block();
		this.pool = this.ctx.connections().get("default");
		this.ctx.generateSchemas().block();
		this.tournament = new BTournament();
		this.tournament.name = "Cup";
		this.ctx.create(this.tournament).block();
		List<BEvent> events = new ArrayList<>();
		for (int i = 0; i < EVENTS; i++) {
			events.add(new BEvent("Event " + i, BigDecimal.valueOf(i, 2), i % 100, this.tournament));
		}
		this.ctx.bulkCreate(events).block();
		this.firstEventId = events.get(0).id;
		this.lastSeedId = events.get(EVENTS - 1).id;
		this.inline = Tortoise.init(TortoiseConfig.builder()
			.connection("default", "sqlite://" + this.file + "?minsize=4&maxsize=4&caller_runs=true")
			.app("bench", List.of("dev.tortoise.benchmarks.model")).build()).block();
		this.jdbc = DriverManager.getConnection("jdbc:sqlite:" + this.file);
		try (java.sql.Statement s = this.jdbc.createStatement()) {
			s.execute("PRAGMA journal_mode = WAL");
			s.execute("PRAGMA foreign_keys = ON");
			s.execute("PRAGMA busy_timeout = 5000");
		}
		this.jdbcGet = this.jdbc.prepareStatement("SELECT " + OrmBenchmark.COLUMNS + " FROM b_event WHERE id = ?");
		this.jdbcFilter = this.jdbc.prepareStatement("SELECT " + OrmBenchmark.COLUMNS + " FROM b_event WHERE score >= ? ORDER BY name LIMIT 100");
		this.jdbcCount = this.jdbc.prepareStatement("SELECT COUNT(*) FROM b_event WHERE score > ?");
		this.jdbcInsert = this.jdbc.prepareStatement(
				"INSERT INTO b_event (name, prize, score, tournament_id) VALUES (?, ?, ?, ?) RETURNING id");
	}

	@TearDown(Level.Iteration)
	public void removeInsertedRows() {
		OrmBenchmark.execute(this.pool, "DELETE FROM b_event WHERE id > " + this.lastSeedId);
	}

	@TearDown(Level.Trial)
	public void tearDown() throws Exception {
		this.jdbc.close();
		this.inline.close();
		this.ctx.close();
		for (String suffix : List.of("", "-wal", "-shm")) {
			Files.deleteIfExists(Path.of(this.file + suffix));
		}
	}

	private long randomEventId() {
		return this.firstEventId + ThreadLocalRandom.current().nextInt(EVENTS);
	}

	/** Tortoise stores decimals as Tortoise's SQLite backend does: exact text. */
	private static RawEvent rawEvent(ResultSet rs) throws SQLException {
		String prize = rs.getString(3);
		return new RawEvent(rs.getLong(1), rs.getString(2), (prize != null) ? new BigDecimal(prize) : null, rs.getInt(4),
				rs.getLong(5));
	}

	private <T> Flux<T> r2dbc(java.util.function.Function<Connection, org.reactivestreams.Publisher<T>> work) {
		return OrmBenchmark.raw(this.pool, work);
	}

	// --- insert one -------------------------------------------------------------------

	@Benchmark
	public Object insertOne_tortoise() {
		return this.ctx.create(new BEvent("new", BigDecimal.ONE, 1, this.tournament)).block();
	}

	@Benchmark
	public Object insertOne_tortoiseCallerRuns() {
		return this.inline.create(new BEvent("new", BigDecimal.ONE, 1, this.tournament)).block();
	}

	@Benchmark
	public Object insertOne_r2dbc() {
		return r2dbc((c) -> Flux.from(c.createStatement("INSERT INTO b_event (name, prize, score, tournament_id) VALUES (?, ?, ?, ?)")
			.bind(0, "new").bind(1, "1.00").bind(2, 1).bind(3, this.tournament.id)
			.returnGeneratedValues("id").execute()).flatMap((r) -> r.map((row, md) -> row.get(0, Long.class)))).blockLast();
	}

	@Benchmark
	public Object insertOne_jdbc() throws SQLException {
		PreparedStatement ps = this.jdbcInsert;
		ps.setString(1, "new");
		ps.setString(2, "1.00");
		ps.setInt(3, 1);
		ps.setLong(4, this.tournament.id);
		try (ResultSet rs = ps.executeQuery()) {
			rs.next();
			return rs.getLong(1);
		}
	}

	// --- bulk insert of 1,000 rows -----------------------------------------------------------

	@Benchmark
	public Object bulkInsert1000_tortoise() {
		List<BEvent> events = new ArrayList<>(1000);
		for (int i = 0; i < 1000; i++) {
			events.add(new BEvent("bulk " + i, BigDecimal.ONE, i % 100, this.tournament));
		}
		return this.ctx.bulkCreate(events).block();
	}

	@Benchmark
	public Object bulkInsert1000_tortoiseCallerRuns() {
		List<BEvent> events = new ArrayList<>(1000);
		for (int i = 0; i < 1000; i++) {
			events.add(new BEvent("bulk " + i, BigDecimal.ONE, i % 100, this.tournament));
		}
		return this.inline.bulkCreate(events).block();
	}

	@Benchmark
	public Object bulkInsert1000_r2dbc() {
		StringBuilder sql = new StringBuilder("INSERT INTO b_event (name, prize, score, tournament_id) VALUES ");
		for (int i = 0; i < 1000; i++) {
			sql.append((i > 0) ? ", (?, ?, ?, ?)" : "(?, ?, ?, ?)");
		}
		String text = sql.toString();
		return r2dbc((c) -> {
			Statement s = c.createStatement(text);
			for (int i = 0; i < 1000; i++) {
				int p = i * 4;
				s.bind(p, "bulk " + i).bind(p + 1, "1.00").bind(p + 2, i % 100).bind(p + 3, this.tournament.id);
			}
			return Flux.from(s.returnGeneratedValues("id").execute()).flatMap((r) -> r.map((row, md) -> row.get(0, Long.class)));
		}).collectList().block();
	}

	/** A JDBC batch in one transaction, generated keys read back as the others do. */
	@Benchmark
	public Object bulkInsert1000_jdbc() throws SQLException {
		List<Long> ids = new ArrayList<>(1000);
		this.jdbc.setAutoCommit(false);
		try {
			PreparedStatement ps = this.jdbcInsert;
			for (int i = 0; i < 1000; i++) {
				ps.setString(1, "bulk " + i);
				ps.setString(2, "1.00");
				ps.setInt(3, i % 100);
				ps.setLong(4, this.tournament.id);
				try (ResultSet rs = ps.executeQuery()) {
					rs.next();
					ids.add(rs.getLong(1));
				}
			}
			this.jdbc.commit();
		}
		finally {
			this.jdbc.setAutoCommit(true);
		}
		return ids;
	}

	// --- get by primary key -----------------------------------------------------------------

	@Benchmark
	public Object getByPk_tortoise() {
		return this.ctx.objects(BEvent.class).filter("id", randomEventId()).get().block();
	}

	@Benchmark
	public Object getByPk_tortoiseCallerRuns() {
		return this.inline.objects(BEvent.class).filter("id", randomEventId()).get().block();
	}

	@Benchmark
	public Object getByPk_r2dbc() {
		long id = randomEventId();
		return r2dbc((c) -> Flux.from(c.createStatement("SELECT " + OrmBenchmark.COLUMNS + " FROM b_event WHERE id = ?").bind(0, id)
			.execute()).flatMap((r) -> r.map((row, md) -> OrmBenchmark.rawEvent(row)))).blockLast();
	}

	@Benchmark
	public Object getByPk_jdbc() throws SQLException {
		this.jdbcGet.setLong(1, randomEventId());
		try (ResultSet rs = this.jdbcGet.executeQuery()) {
			return rs.next() ? rawEvent(rs) : null;
		}
	}

	// --- filter, order, limit 100 ---------------------------------------------------------------

	@Benchmark
	public Object filter100_tortoise() {
		return this.ctx.objects(BEvent.class).filter("score__gte", 10).orderBy("name").limit(100).all().collectList()
			.block();
	}

	@Benchmark
	public Object filter100_tortoiseCallerRuns() {
		return this.inline.objects(BEvent.class).filter("score__gte", 10).orderBy("name").limit(100).all().collectList()
			.block();
	}

	@Benchmark
	public Object filter100_r2dbc() {
		return r2dbc((c) -> Flux.from(c.createStatement("SELECT " + OrmBenchmark.COLUMNS
				+ " FROM b_event WHERE score >= ? ORDER BY name LIMIT 100").bind(0, 10).execute())
			.flatMap((r) -> r.map((row, md) -> OrmBenchmark.rawEvent(row)))).collectList().block();
	}

	@Benchmark
	public Object filter100_jdbc() throws SQLException {
		this.jdbcFilter.setInt(1, 10);
		List<RawEvent> events = new ArrayList<>(100);
		try (ResultSet rs = this.jdbcFilter.executeQuery()) {
			while (rs.next()) {
				events.add(rawEvent(rs));
			}
		}
		return events;
	}

	// --- count ------------------------------------------------------------------------

	@Benchmark
	public Object count_tortoise() {
		return this.ctx.objects(BEvent.class).filter("score__gt", 50).count().block();
	}

	@Benchmark
	public Object count_tortoiseCallerRuns() {
		return this.inline.objects(BEvent.class).filter("score__gt", 50).count().block();
	}

	@Benchmark
	public Object count_r2dbc() {
		return r2dbc((c) -> Flux.from(c.createStatement("SELECT COUNT(*) FROM b_event WHERE score > ?").bind(0, 50).execute())
			.flatMap((r) -> r.map((row, md) -> row.get(0, Long.class)))).blockLast();
	}

	@Benchmark
	public Object count_jdbc() throws SQLException {
		this.jdbcCount.setInt(1, 50);
		try (ResultSet rs = this.jdbcCount.executeQuery()) {
			rs.next();
			return rs.getLong(1);
		}
	}

}

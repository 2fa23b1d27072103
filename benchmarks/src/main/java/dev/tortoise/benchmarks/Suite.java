package dev.tortoise.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import dev.tortoise.Tortoise;
import dev.tortoise.TortoiseContext;
import dev.tortoise.config.TortoiseConfig;
import io.r2dbc.spi.Connection;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Tortoise ORM's own benchmark suite ({@code tortoise/orm-benchmarks}, tests A to K) on its
 * three model shapes, Tortoise for Java against raw R2DBC on the same pool, in one JVM:
 * A insert single, B insert batch in a transaction, C bulk insert, D filter large (objects),
 * E filter small (20 at a random offset), F get by pk, G filter as dicts, H filter as tuples,
 * I update whole (save), J update partial (save of one field), K delete; each test's rows
 * split over {@code concurrency} chains, as the suite's asyncio tasks. Each pass runs the
 * eleven tests on an emptied table for both contenders (the order alternating by pass) and
 * writes one JSON line per contender and test: rows, nanoseconds, pass, and whether the
 * contender ran alone in its JVM ({@code --contenders} naming one), which is how a fresh
 * JVM's first passes are measured without the other contender having warmed what they share.
 *
 * <pre>java -cp benchmarks.jar dev.tortoise.benchmarks.Suite --db postgres --shape 1 --concurrency 10
 *     --passes 12 --iterations 1000 --out results/suite.jsonl [--tests A,B] [--contenders tortoise]</pre>
 * ({@code --tests} runs some of the tests only, for profiling one of them.)
 */
public final class Suite {

	static final List<String> TESTS = List.of("A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K");

	private static final Short[] LEVELS = { 10, 20, 30, 40, 50 };

	private final String db;

	private final int shape;

	private final int concurrency;

	private final int iterations;

	private final TortoiseContext ctx;

	private final Journals<Object> journals;

	private final RawJournal raw;

	@SuppressWarnings("unchecked")
	private Suite(String db, int shape, int concurrency, int iterations, TortoiseContext ctx) {
		this.db = db;
		this.shape = shape;
		this.concurrency = concurrency;
		this.iterations = iterations;
		this.ctx = ctx;
		this.journals = (Journals<Object>) Journals.of(shape);
		this.raw = new RawJournal(db, shape, ctx.connections().get("default"));
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new LinkedHashMap<>();
		for (int i = 0; i + 1 < args.length; i += 2) {
			options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
		}
		String db = options.getOrDefault("db", "h2");
		int shape = Integer.parseInt(options.getOrDefault("shape", "1"));
		int concurrency = Integer.parseInt(options.getOrDefault("concurrency", "10"));
		int passes = Integer.parseInt(options.getOrDefault("passes", "12"));
		int iterations = Integer.parseInt(options.getOrDefault("iterations", "1000"));
		Path out = Path.of(options.getOrDefault("out", "benchmarks/results/suite.jsonl"));
		List<String> tests = options.containsKey("tests") ? List.of(options.get("tests").split(",")) : TESTS;
		List<String> contenders = List.of(options.getOrDefault("contenders", "tortoise,raw").split(","));
		Files.createDirectories(out.toAbsolutePath().getParent());
		FreshDatabase fresh = FreshDatabase.create(db, concurrency);
		TortoiseContext ctx = Tortoise.init(TortoiseConfig.builder().connection("default", fresh.url())
			.app("models", List.of("dev.tortoise.benchmarks.suite.shape" + shape)).build()).block();
		try {
			ctx.generateSchemas(false).block();
			Suite suite = new Suite(db, shape, concurrency, iterations, ctx);
			for (int pass = 1; pass <= passes; pass++) {
				boolean tortoiseFirst = pass % 2 == 1;
				for (String contender : tortoiseFirst ? contenders : reversed(contenders)) {
					suite.empty();
					for (String test : tests) {
						List<Object> prepared = suite.prepare(test); // untimed, as the suite loads its rows first
						long start = System.nanoTime();
						long rows = suite.run(contender, test, prepared).block();
						long nanos = System.nanoTime() - start;
						Files.writeString(out, String.format(java.util.Locale.ROOT,
								"{\"db\":\"%s\",\"shape\":%d,\"concurrency\":%d,\"contender\":\"%s\",\"pass\":%d,"
										+ "\"test\":\"%s\",\"rows\":%d,\"nanos\":%d,\"alone\":%b}%n",
								db, shape, concurrency, contender, pass, test, rows, nanos, contenders.size() == 1),
								StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
					}
				}
				System.err.printf("%s shape %d C%d: pass %d of %d%n", db, shape, concurrency, pass, passes);
			}
		}
		finally {
			ctx.close();
			fresh.drop();
		}
	}

	private static List<String> reversed(List<String> list) {
		List<String> copy = new ArrayList<>(list);
		java.util.Collections.reverse(copy);
		return copy;
	}

	/** The table (and shape 2's through table) emptied between passes, untimed. */
	private void empty() {
		if (this.shape == 2) {
			execute("DELETE FROM " + this.raw.quote("journal_journal"));
			execute("UPDATE " + this.raw.quote("journal") + " SET " + this.raw.quote("parent_id") + " = NULL");
		}
		execute("DELETE FROM " + this.raw.quote("journal"));
	}

	private void execute(String sql) {
		Mono.usingWhen(this.raw.pool.create(), (c) -> Flux.from(c.createStatement(sql).execute())
			.flatMap((r) -> r.getRowsUpdated()).then(), Connection::close).block();
	}

	/** What a test works on, read before its clock starts: every row for I, J and K, the ids for F. */
	List<Object> prepare(String test) {
		return switch (test) {
			case "F" -> this.ctx.objects(this.journals.type()).valuesListFlat("id").collectList().block();
			case "I", "J", "K" -> this.ctx.objects(this.journals.type()).all().collectList().block();
			default -> List.of();
		};
	}

	/** One test of the suite by one contender; the rows it wrote or read. */
	Mono<Long> run(String contender, String test, List<Object> prepared) {
		boolean tortoise = contender.equals("tortoise");
		int perChain = this.iterations / this.concurrency;
		return switch (test) {
			case "A" -> chains((chain) -> Flux.range(0, perChain).concatMap((i) -> tortoise
					? this.ctx.create(this.journals.make(level(), "Insert from A, item " + i)).thenReturn(1L)
					: this.raw.insert(level(), "Insert from A, item " + i)));
			case "B" -> chains((chain) -> tortoise
					? this.ctx.inTransaction((tx) -> Flux.range(0, perChain)
						.concatMap((i) -> tx.create(this.journals.make(level(), "Insert from B, item " + i)).thenReturn(1L)))
					: this.raw.inTransaction((c) -> Flux.range(0, perChain)
						.concatMap((i) -> this.raw.insert(c, level(), "Insert from B, item " + i))));
			case "C" -> chains((chain) -> {
				List<Object> rows = new ArrayList<>(perChain);
				for (int i = 0; i < perChain; i++) {
					rows.add(this.journals.make(level(), "Insert from C, item " + i));
				}
				return tortoise ? this.ctx.bulkCreate(rows).map((list) -> (long) list.size())
						: this.raw.bulkInsert(rows.size(), "Insert from C, item ");
			});
			case "D" -> chains((chain) -> Flux.range(0, Math.max(1, 10 / this.concurrency))
				.concatMap((i) -> Flux.fromArray(LEVELS).concatMap((level) -> tortoise
						? this.ctx.objects(this.journals.type()).filter("level", level).all().count()
						: this.raw.select("WHERE level = ?", level, null, RawJournal.Mode.OBJECTS))));
			case "E" -> chains((chain) -> Flux.range(0, Math.max(1, this.iterations / 10 / this.concurrency))
				.concatMap((i) -> Flux.fromArray(LEVELS).concatMap((level) -> {
					int offset = ThreadLocalRandom.current().nextInt(this.iterations - 20);
					return tortoise ? this.ctx.objects(this.journals.type()).filter("level", level).limit(20)
						.offset(offset).all().count()
							: this.raw.select("WHERE level = ?", level, offset, RawJournal.Mode.OBJECTS);
				})));
			case "F" -> chains((chain) -> Flux.range(0, 2 * this.iterations / this.concurrency)
				.concatMap((i) -> {
					Object id = prepared.get(ThreadLocalRandom.current().nextInt(prepared.size()));
					return tortoise ? this.ctx.objects(this.journals.type()).filter("id", id).get().thenReturn(1L)
							: this.raw.select("WHERE id = ?", id, null, RawJournal.Mode.OBJECTS);
				}));
			case "G", "H" -> {
				RawJournal.Mode mode = test.equals("G") ? RawJournal.Mode.DICTS : RawJournal.Mode.TUPLES;
				yield chains((chain) -> Flux.range(0, Math.max(1, 10 / this.concurrency))
					.concatMap((i) -> Flux.fromArray(LEVELS).concatMap((level) -> !tortoise
							? this.raw.select("WHERE level = ?", level, null, mode)
							: (mode == RawJournal.Mode.DICTS)
									? this.ctx.objects(this.journals.type()).filter("level", level).values().count()
									: this.ctx.objects(this.journals.type()).filter("level", level).valuesList().count())));
			}
			case "I", "J", "K" -> slices(prepared, (slice) -> tortoise
					? this.ctx.inTransaction((tx) -> Flux.fromIterable(slice).concatMap((o) -> tortoiseWrite(tx, test, o)))
					: this.raw.inTransaction((c) -> Flux.fromIterable(slice).concatMap((o) -> rawWrite(c, test, o))));
			default -> throw new IllegalArgumentException("No test " + test);
		};
	}

	private Mono<Long> tortoiseWrite(TortoiseContext tx, String test, Object journal) {
		return switch (test) {
			case "I" -> {
				this.journals.setLevel(journal, level());
				this.journals.setText(journal, this.journals.text(journal) + " Update");
				yield tx.save(journal).thenReturn(1L);
			}
			case "J" -> {
				this.journals.setLevel(journal, level());
				yield tx.save(journal, "level").thenReturn(1L);
			}
			default -> tx.delete(journal).thenReturn(1L);
		};
	}

	private Mono<Long> rawWrite(Connection c, String test, Object journal) {
		Object id = this.journals.id(journal);
		return switch (test) {
			case "I" -> {
				this.journals.setLevel(journal, level());
				this.journals.setText(journal, this.journals.text(journal) + " Update");
				yield this.raw.updateWhole(c, journal);
			}
			case "J" -> this.raw.updateLevel(c, id, level());
			default -> this.raw.delete(c, id);
		};
	}

	/** The suite's chains: {@code concurrency} of them at once, their rows summed. */
	private Mono<Long> chains(Function<Integer, ? extends org.reactivestreams.Publisher<Long>> chain) {
		return Flux.range(0, this.concurrency).flatMap((i) -> Flux.from(chain.apply(i)), this.concurrency)
			.reduce(0L, Long::sum);
	}

	/** The suite's slices of all rows for I, J and K: one per chain, each one short of its share. */
	private Mono<Long> slices(List<Object> objects, Function<List<Object>, Flux<Long>> work) {
		int share = Math.max(1, objects.size() / this.concurrency);
		List<List<Object>> slices = new ArrayList<>();
		for (int i = 0; i < this.concurrency; i++) {
			int from = Math.min(objects.size(), i * share);
			int to = Math.min(objects.size(), Math.max(from, (i + 1) * share - 1));
			slices.add(objects.subList(from, to));
		}
		return Flux.fromIterable(slices).flatMap(work, this.concurrency).reduce(0L, Long::sum);
	}

	private static short level() {
		return LEVELS[ThreadLocalRandom.current().nextInt(LEVELS.length)];
	}

	/** A database of its own for one run: a PostgreSQL schema, a MariaDB database, an H2 or SQLite file. */
	record FreshDatabase(String url, Runnable dropper) {

		static FreshDatabase create(String db, int concurrency) throws IOException {
			String name = "tbench_" + Long.toHexString(System.nanoTime());
			String pool = "minsize=" + concurrency + "&maxsize=" + concurrency;
			switch (db) {
				case "postgres" -> {
					String base = System.getenv().getOrDefault("TORTOISE_BENCH_POSTGRES_URL",
							"postgres://postgres@127.0.0.1:5432/test");
					admin(base, "CREATE SCHEMA " + name);
					return new FreshDatabase(base + (base.contains("?") ? "&" : "?") + "schema=" + name + "&" + pool,
							() -> admin(base, "DROP SCHEMA " + name + " CASCADE"));
				}
				case "mysql" -> {
					String base = System.getenv().getOrDefault("TORTOISE_BENCH_MYSQL_URL", "mysql://root:@127.0.0.1:3306/test");
					admin(base, "CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
					String url = base.replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1");
					return new FreshDatabase(url + (url.contains("?") ? "&" : "?") + pool,
							() -> admin(base, "DROP DATABASE " + name));
				}
				case "sqlite" -> {
					Path dir = Files.isDirectory(Path.of("/dev/shm")) ? Path.of("/dev/shm") : Path.of(
							System.getProperty("java.io.tmpdir"));
					Path file = dir.resolve(name + ".sqlite3");
					return new FreshDatabase("sqlite://" + file + "?" + pool, () -> {
						for (String suffix : List.of("", "-wal", "-shm")) {
							Path.of(file + suffix).toFile().delete();
						}
					});
				}
				default -> {
					Path dir = Files.createTempDirectory(name);
					return new FreshDatabase("h2://" + dir.resolve("db") + "?" + pool, () -> {
						for (java.io.File f : java.util.Objects.requireNonNull(dir.toFile().listFiles())) {
							f.delete();
						}
						dir.toFile().delete();
					});
				}
			}
		}

		void drop() {
			this.dropper.run();
		}

		private static void admin(String url, String sql) {
			dev.tortoise.connection.Connections admin = dev.tortoise.connection.Connections.create(
					Map.of("admin", dev.tortoise.config.DbUrl.parse(url)));
			try {
				Mono.usingWhen(admin.get("admin").create(), (c) -> Flux.from(c.createStatement(sql).execute())
					.flatMap((r) -> r.getRowsUpdated()).then(), Connection::close).block();
			}
			finally {
				admin.close().block();
			}
		}

	}

}

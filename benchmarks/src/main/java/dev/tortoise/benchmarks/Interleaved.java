package dev.tortoise.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/**
 * Tortoise's ratios to raw R2DBC and Spring Data R2DBC measured in turns: the three
 * contenders of one {@link OrmBenchmark} operation take turns in one JVM, each running for a
 * short slice, in an order that rotates from turn to turn, and each turn's ratios are taken
 * from slices that ran within a second or two of each other.
 *
 * <p>Why, next to JMH's forks: on a shared two-core VM the throughput of the same fork varies
 * by a fifth from one minute to the next, and two forks of the same code differ by as much
 * again, as their JIT compiles the database's engine, the pool and Reactor differently. JMH
 * runs each contender in its own fork, so both variations land in the ratio. Here the
 * contenders share one JIT's compilation of everything they share and the same minute of the
 * machine, so what is left in the ratio is what they do differently. The JVM is a fresh one
 * per operation and database ({@code benchmarks/interleaved.sh}), as JMH's forks are.
 *
 * <p>Each turn is written as one line of JSON to the output file: the database, operation,
 * fork, turn, and each contender's operations per second and bytes allocated per operation
 * (by every thread of the JVM during its slice, as JMH's {@code -prof gc} counts them).
 * {@link #table} summarises them.
 */
public final class Interleaved {

	private Interleaved() {
	}

	static final List<String> CONTENDERS = List.of("raw", "springData", "tortoise");

	/** The orders the contenders run in, one per turn in rotation: each contender is first, second and last equally often. */
	private static final int[][] ORDERS = { { 0, 1, 2 }, { 1, 2, 0 }, { 2, 0, 1 }, { 2, 1, 0 }, { 0, 2, 1 }, { 1, 0, 2 } };

	/** What keeps results alive, so that no contender's work can be found dead. */
	static volatile Object sink;

	/** How one JVM's run is set: which operation, on which database, for how long. */
	record Settings(String db, String operation, int fork, Duration warmUp, int turns, Duration slice) {

		static Settings parse(String... args) {
			Map<String, String> options = new LinkedHashMap<>();
			for (int i = 0; i < args.length; i += 2) {
				if (!args[i].startsWith("--") || i + 1 >= args.length) {
					throw new IllegalArgumentException("Expected --option value pairs, not " + Arrays.toString(args)
							+ ": --db h2|postgres --operation NAME [--fork N] [--warm-up 45s] [--turns 30] [--slice 500ms]"
							+ " --out FILE.");
				}
				options.put(args[i].substring(2), args[i + 1]);
			}
			return new Settings(required(options, "db"), required(options, "operation"),
					Integer.parseInt(options.getOrDefault("fork", "1")), duration(options.getOrDefault("warm-up", "45s")),
					Integer.parseInt(options.getOrDefault("turns", "30")), duration(options.getOrDefault("slice", "500ms")));
		}

		private static String required(Map<String, String> options, String name) {
			String value = options.get(name);
			if (value == null) {
				throw new IllegalArgumentException("--" + name + " is required.");
			}
			return value;
		}

		/** {@code 45s} or {@code 500ms}. */
		static Duration duration(String text) {
			if (text.endsWith("ms")) {
				return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
			}
			if (text.endsWith("s")) {
				return Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
			}
			throw new IllegalArgumentException("A duration is written 45s or 500ms, not \"" + text + "\".");
		}

	}

	/**
	 * One turn: each contender's operations per second in its slice and the bytes allocated
	 * per operation (empty for turns recorded before allocation was measured).
	 */
	record Turn(String db, String operation, int fork, int turn, Map<String, Double> opsPerSecond,
			Map<String, Double> bytesPerOperation, String conditions) {

		double ratio(String over) {
			return this.opsPerSecond.get("tortoise") / this.opsPerSecond.get(over);
		}

		String json() {
			ObjectNode node = JSON.createObjectNode()
				.put("db", this.db)
				.put("operation", this.operation)
				.put("fork", this.fork)
				.put("turn", this.turn)
				.put("conditions", this.conditions);
			this.opsPerSecond.forEach(node::put);
			this.bytesPerOperation.forEach((c, bytes) -> node.put(c + BYTES, bytes));
			return node.toString();
		}

		static Turn of(JsonNode node) {
			Map<String, Double> ops = new LinkedHashMap<>();
			Map<String, Double> bytes = new LinkedHashMap<>();
			for (String c : CONTENDERS) {
				ops.put(c, node.get(c).asDouble());
				if (node.has(c + BYTES)) {
					bytes.put(c, node.get(c + BYTES).asDouble());
				}
			}
			return new Turn(node.get("db").asText(), node.get("operation").asText(), node.get("fork").asInt(),
					node.get("turn").asInt(), ops, bytes, node.path("conditions").asText("?"));
		}

	}

	private static final ObjectMapper JSON = new ObjectMapper();

	/** The suffix of a contender's bytes per operation in a turn's JSON line. */
	private static final String BYTES = "BytesPerOp";

	/** One contender's slice: operations per second, and bytes allocated per operation. */
	record Slice(double opsPerSecond, double bytesPerOperation) {
	}

	/**
	 * Runs one operation on one database and appends its turns to {@code --out}; with
	 * {@code --report FILE...} prints the table of the given files instead.
	 */
	public static void main(String[] args) throws Throwable {
		if (args.length > 0 && args[0].equals("--report")) {
			report(Arrays.copyOfRange(args, 1, args.length));
			return;
		}
		int out = Arrays.asList(args).indexOf("--out");
		if (out < 0 || out + 1 >= args.length) {
			System.err.println("usage: Interleaved --db h2|postgres --operation NAME [--fork N] [--warm-up 45s]"
					+ " [--turns 30] [--slice 500ms] --out FILE");
			System.err.println("       Interleaved --report [--readme README.md] [--commit SHA] [--calibration FILE.json]..."
					+ " FILE...");
			System.exit(2);
		}
		List<String> rest = new ArrayList<>(Arrays.asList(args));
		Path file = Path.of(rest.remove(out + 1));
		rest.remove(out);
		Settings settings = Settings.parse(rest.toArray(String[]::new));
		for (Turn turn : run(settings)) {
			Files.writeString(file, turn.json() + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		}
	}

	/** Where the table of turns begins in the README; it ends at the next {@link Report#END}. */
	static final String BEGIN = "<!-- benchmarks/interleaved.sh writes from here -->";

	/**
	 * Prints the table of the given turn files; with {@code --readme FILE} also writes it, with
	 * how it was measured, into that file between {@link #BEGIN} and {@link Report#END}.
	 */
	private static void report(String... args) throws IOException {
		Path readme = null;
		String commit = null;
		List<JsonNode> calibrations = new ArrayList<>();
		List<Turn> turns = new ArrayList<>();
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--readme" -> readme = Path.of(args[++i]);
				case "--commit" -> commit = args[++i];
				case "--calibration" -> calibrations.add(JSON.readTree(Path.of(args[++i]).toFile()));
				default -> turns.addAll(read(Path.of(args[i])));
			}
		}
		String table = table(turns);
		String settings = settings(turns, commit, Report.machine(), LocalDate.now())
				+ Report.machineSpeed(Report.calibrations(calibrations));
		System.out.print(table);
		System.out.println(settings);
		if (readme != null) {
			Files.writeString(readme, Report.splice(Files.readString(readme), BEGIN, table + "\n" + settings + "\n"));
			System.out.println("Wrote the table into " + readme + ".");
		}
	}

	/** How the turns were measured, and where: the conditions the first turn recorded. */
	static String settings(List<Turn> turns, @Nullable String commit, String machine, LocalDate day) {
		if (turns.isEmpty()) {
			return "No turns.";
		}
		long forks = turns.stream().mapToInt(Turn::fork).distinct().count();
		return String.format(Locale.ROOT, "Measured %s%s by `benchmarks/interleaved.sh`: %d fork%s (a fresh JVM each)"
				+ " per operation and database, %s; %s.", day, (commit != null) ? ", commit `" + commit + "`," : "",
				forks, (forks == 1) ? "" : "s", turns.get(0).conditions(), machine);
	}

	/** The conditions a turn ran under, as the table's settings line gives them. */
	static String conditions(Settings settings) {
		List<String> heap = ManagementFactory.getRuntimeMXBean()
			.getInputArguments()
			.stream()
			.filter((a) -> a.startsWith("-X"))
			.toList();
		return String.format(Locale.ROOT, "%s s of warm-up in turns, then %d turns of one %d ms slice per contender; JDK %s%s",
				settings.warmUp().toSeconds(), settings.turns(), settings.slice().toMillis(),
				System.getProperty("java.version"), heap.isEmpty() ? "" : " (" + String.join(" ", heap) + ")");
	}

	/** The turns of one operation on one database, after the warm-up, in a benchmark state set up for it. */
	static List<Turn> run(Settings settings) throws Throwable {
		OrmBenchmark bench = new OrmBenchmark();
		bench.db = settings.db();
		MethodHandle[] contenders = contenders(settings.operation());
		bench.setUp();
		try {
			long warmUpEnd = System.nanoTime() + settings.warmUp().toNanos();
			for (int turn = 0; System.nanoTime() < warmUpEnd; turn++) {
				turn(bench, contenders, ORDERS[turn % ORDERS.length], settings.slice());
			}
			List<Turn> turns = new ArrayList<>();
			String conditions = conditions(settings);
			for (int turn = 0; turn < settings.turns(); turn++) {
				Slice[] slices = turn(bench, contenders, ORDERS[turn % ORDERS.length], settings.slice());
				Map<String, Double> ops = new LinkedHashMap<>();
				Map<String, Double> bytes = new LinkedHashMap<>();
				for (int c = 0; c < CONTENDERS.size(); c++) {
					ops.put(CONTENDERS.get(c), slices[c].opsPerSecond());
					bytes.put(CONTENDERS.get(c), slices[c].bytesPerOperation());
				}
				turns.add(new Turn(settings.db(), settings.operation(), settings.fork(), turn + 1, ops, bytes,
						conditions));
			}
			return turns;
		}
		finally {
			bench.tearDown();
		}
	}

	/** The operation's three methods on {@link OrmBenchmark}, in the order of {@link #CONTENDERS}. */
	static MethodHandle[] contenders(String operation) throws IllegalAccessException {
		MethodHandle[] handles = new MethodHandle[CONTENDERS.size()];
		for (int c = 0; c < handles.length; c++) {
			Method method;
			try {
				method = OrmBenchmark.class.getMethod(operation + "_" + CONTENDERS.get(c));
			}
			catch (NoSuchMethodException ex) {
				throw new IllegalArgumentException("OrmBenchmark has no operation \"" + operation + "\" for "
						+ CONTENDERS.get(c) + "; its operations are " + operations() + ".");
			}
			handles[c] = MethodHandles.publicLookup()
				.unreflect(method)
				.asType(MethodType.methodType(Object.class, OrmBenchmark.class));
		}
		return handles;
	}

	/** The operations OrmBenchmark measures, from its {@code operation_contender} methods. */
	static TreeSet<String> operations() {
		TreeSet<String> names = new TreeSet<>();
		for (Method m : OrmBenchmark.class.getMethods()) {
			if (m.isAnnotationPresent(org.openjdk.jmh.annotations.Benchmark.class)) {
				names.add(m.getName().substring(0, m.getName().lastIndexOf('_')));
			}
		}
		return names;
	}

	/**
	 * One slice per contender in the given order; the rows inserted in the turn are deleted
	 * after it, outside the slices, as JMH's iterations do.
	 */
	private static Slice[] turn(OrmBenchmark bench, MethodHandle[] contenders, int[] order, Duration slice)
			throws Throwable {
		Slice[] slices = new Slice[contenders.length];
		for (int c : order) {
			slices[c] = slice(bench, contenders[c], slice.toNanos());
		}
		bench.removeInsertedRows();
		return slices;
	}

	/** One contender run until its slice is over, with what every thread allocated meanwhile. */
	private static Slice slice(OrmBenchmark bench, MethodHandle contender, long nanos) throws Throwable {
		long allocatedBefore = allocated();
		long start = System.nanoTime();
		long end = start + nanos;
		long now;
		long operations = 0;
		do {
			sink = (Object) contender.invokeExact(bench);
			operations++;
			now = System.nanoTime();
		}
		while (now < end);
		double opsPerSecond = operations * 1e9 / (now - start);
		return new Slice(opsPerSecond, (double) (allocated() - allocatedBefore) / operations);
	}

	/**
	 * Bytes allocated so far by the JVM's live threads: the caller's and the driver's (Netty's
	 * event loops do PostgreSQL's decoding), read the way JMH's {@code -prof gc} reads them.
	 */
	static long allocated() {
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		long sum = 0;
		for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
			if (bytes > 0) {
				sum += bytes;
			}
		}
		return sum;
	}

	static List<Turn> read(Path file) throws IOException {
		List<Turn> turns = new ArrayList<>();
		for (String line : Files.readAllLines(file)) {
			if (!line.isBlank()) {
				turns.add(Turn.of(JSON.readTree(line)));
			}
		}
		return turns;
	}

	/**
	 * Per database and operation: Tortoise's ratio to raw R2DBC and to Spring Data as the
	 * geometric mean over every turn, with the lowest and highest fork's geometric mean (what
	 * a JIT's choices still move) and the middle half of the turns.
	 */
	static String table(List<Turn> turns) {
		Map<String, Map<String, List<Turn>>> byDb = new TreeMap<>();
		for (Turn t : turns) {
			byDb.computeIfAbsent(t.db(), (k) -> new TreeMap<>()).computeIfAbsent(t.operation(), (k) -> new ArrayList<>())
				.add(t);
		}
		StringBuilder out = new StringBuilder();
		out.append("| database | operation | Tortoise / raw | Tortoise / Spring Data | KB/op Tortoise · raw · Spring Data"
				+ " | forks × turns |\n");
		out.append("|---|---|---|---|---|---|\n");
		byDb.forEach((db, operations) -> operations.forEach((operation, list) -> {
			long forks = list.stream().mapToInt(Turn::fork).distinct().count();
			out.append("| ").append(db).append(" | ").append(operation).append(" | ")
				.append(summary(list, (t) -> t.ratio("raw"))).append(" | ")
				.append(summary(list, (t) -> t.ratio("springData"))).append(" | ")
				.append(kilobytes(list, "tortoise")).append(" · ").append(kilobytes(list, "raw")).append(" · ")
				.append(kilobytes(list, "springData")).append(" | ")
				.append(forks).append(" × ").append(list.size() / forks).append(" |\n");
		}));
		return out.toString();
	}

	/** {@code 0.93× (forks 0.92–0.94; turns 0.90–0.96)}: the fork range only when there are several forks. */
	static String summary(List<Turn> turns, ToDoubleFunction<Turn> ratio) {
		Map<Integer, List<Double>> byFork = new TreeMap<>();
		List<Double> all = new ArrayList<>();
		for (Turn t : turns) {
			double r = ratio.applyAsDouble(t);
			byFork.computeIfAbsent(t.fork(), (k) -> new ArrayList<>()).add(r);
			all.add(r);
		}
		double[] forkMeans = byFork.values().stream().mapToDouble(Report::geometricMean).sorted().toArray();
		double[] sorted = all.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		String forks = (forkMeans.length > 1) ? String.format(Locale.ROOT, "forks %.2f–%.2f; ", forkMeans[0],
				forkMeans[forkMeans.length - 1]) : "";
		return String.format(Locale.ROOT, "%.2f× (%sturns %.2f–%.2f)", Report.geometricMean(all), forks,
				quantile(sorted, 0.25), quantile(sorted, 0.75));
	}

	/**
	 * A contender's kilobytes allocated per operation, the median of its turns: a turn's
	 * figure also holds what other threads allocated meanwhile (a pool's eviction, a timer),
	 * which the median leaves out when it is rare.
	 */
	static String kilobytes(List<Turn> turns, String contender) {
		double[] sorted = turns.stream()
			.map((t) -> t.bytesPerOperation().get(contender))
			.filter(java.util.Objects::nonNull)
			.mapToDouble(Double::doubleValue)
			.sorted()
			.toArray();
		return Report.kilobytes((sorted.length == 0) ? java.util.OptionalDouble.empty()
				: java.util.OptionalDouble.of(quantile(sorted, 0.5)));
	}

	/** The q-quantile of sorted values, interpolating between neighbours. */
	static double quantile(double[] sorted, double q) {
		double at = q * (sorted.length - 1);
		int below = (int) Math.floor(at);
		int above = Math.min(below + 1, sorted.length - 1);
		return sorted[below] + (at - below) * (sorted[above] - sorted[below]);
	}

}

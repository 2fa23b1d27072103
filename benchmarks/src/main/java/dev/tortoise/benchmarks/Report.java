package dev.tortoise.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.math3.distribution.TDistribution;
import org.jspecify.annotations.Nullable;

/**
 * Turns the JMH JSON results of one or more rounds of {@link OrmBenchmark} into the
 * README's Markdown table: throughput per contender, Tortoise's ratio to raw R2DBC and to
 * Spring Data R2DBC, and allocation per operation when run with {@code -prof gc}.
 *
 * <p>Each round runs every contender once, and {@code run.sh} runs the three contenders of
 * one operation and database back to back, so the pairs divided here ran within a minute of
 * each other. The arguments are the result files in round order; the n-th result of a
 * contender belongs to round n. The ratios are taken round by round and then averaged
 * (geometric mean, with the lowest and highest round): on a machine whose speed drifts,
 * that compares like with like, where pooling all of one contender's forks before the
 * other's would not.
 */
public final class Report {

	private Report() {
	}

	/** Where the generated table begins in the README; it ends at {@link #END}. */
	static final String BEGIN = "<!-- benchmarks/run.sh writes from here -->";

	static final String END = "<!-- to here -->";

	/**
	 * Prints the table of the given result files; with {@code --readme FILE} also writes it,
	 * with the settings it ran under, into that file between {@link #BEGIN} and {@link #END};
	 * {@code --commit SHA} names the code measured.
	 */
	public static void main(String[] args) throws IOException {
		Path readme = null;
		String commit = null;
		List<JsonNode> rounds = new ArrayList<>();
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--readme" -> readme = Path.of(args[++i]);
				case "--commit" -> commit = args[++i];
				default -> rounds.add(new ObjectMapper().readTree(Path.of(args[i]).toFile()));
			}
		}
		if (rounds.isEmpty()) {
			System.err.println("usage: Report [--readme README.md] [--commit SHA] result.json ... (in round order)");
			System.exit(2);
		}
		String table = table(rounds);
		System.out.print(table);
		String speed = machineSpeed(calibrations(rounds));
		if (!speed.isEmpty()) {
			System.out.println(speed.trim());
		}
		if (readme != null) {
			String block = table + "\n" + settings(rounds, commit, machine(), LocalDate.now()) + "\n";
			Files.writeString(readme, splice(Files.readString(readme), BEGIN, block));
			System.out.println("Wrote the table into " + readme + ".");
		}
	}

	/** The text between the line {@code marker} and the next {@link #END} replaced by {@code block}. */
	static String splice(String readme, String marker, String block) {
		int begin = readme.indexOf(marker);
		int end = (begin < 0) ? -1 : readme.indexOf(END, begin);
		if (end < 0) {
			throw new IllegalArgumentException("The README has no place for the table: put a line " + marker
					+ " before it and a line " + END + " after it, then run again.");
		}
		return readme.substring(0, begin + marker.length()) + "\n" + block + readme.substring(end);
	}

	/** How the results were measured, from the first result's JMH settings, and where. */
	static String settings(List<JsonNode> rounds, @Nullable String commit, String machine, LocalDate day) {
		List<JsonNode> results = ormResults(rounds);
		if (results.isEmpty()) {
			return "No OrmBenchmark results.";
		}
		JsonNode first = results.get(0);
		long contenders = results.stream()
			.map((r) -> r.get("benchmark").asText() + " " + r.path("params").path("db").asText())
			.distinct()
			.count();
		long roundCount = results.size() / contenders;
		return String.format(Locale.ROOT,
				"Measured %s%s by `benchmarks/run.sh`: JMH %s, %s, %d round%s, each contender in a fork of its own per"
						+ " round (%s, %d × %s measured%s); JDK %s (%s%s); %s.",
				day, (commit != null) ? ", commit `" + commit + "`," : "", first.path("jmhVersion").asText("?"),
				first.path("mode").asText("?"), roundCount, (roundCount == 1) ? "" : "s", warmUp(results),
				first.path("measurementIterations").asInt(), first.path("measurementTime").asText("?"),
				first.path("secondaryMetrics").has("gc.alloc.rate.norm") ? ", `-prof gc`" : "",
				first.path("jdkVersion").asText("?"), first.path("vmName").asText("?"), jvmOptions(first), machine)
				+ machineSpeed(calibrations(rounds));
	}

	/** The warm-up, as {@code 10 × 2 s warm-up}, or per database where they differ: {@code 20 × 2 s warm-up on h2, 10 × 2 s on postgres}. */
	private static String warmUp(List<JsonNode> results) {
		Map<String, String> byDb = new TreeMap<>();
		for (JsonNode r : results) {
			if (r.has("warmupIterations")) {
				byDb.putIfAbsent(r.path("params").path("db").asText("?"),
						r.get("warmupIterations").asInt() + " × " + r.path("warmupTime").asText("?"));
			}
		}
		if (new java.util.HashSet<>(byDb.values()).size() <= 1) {
			return byDb.values().stream().findFirst().orElse("?") + " warm-up";
		}
		List<String> parts = new ArrayList<>();
		byDb.forEach((db, warmUp) -> parts.add(warmUp + (parts.isEmpty() ? " warm-up on " : " on ") + db));
		return String.join(", ", parts);
	}

	/** A spread of the calibration beyond which the machine's speed is said to have changed. */
	static final double SPEED_CHANGE = 1.25;

	/**
	 * What the calibration says of the machine over the run: its lowest and highest score,
	 * and, when they are far apart, that the run's ratios are less certain.
	 */
	static String machineSpeed(List<Double> scores) {
		if (scores.isEmpty()) {
			return "";
		}
		double min = scores.stream().mapToDouble(Double::doubleValue).min().getAsDouble();
		double max = scores.stream().mapToDouble(Double::doubleValue).max().getAsDouble();
		String range = String.format(Locale.ROOT,
				" CPU calibration (`CalibrationBenchmark`, before and after each round): %,.0f–%,.0f ops/s.", min, max);
		if (max / min <= SPEED_CHANGE) {
			return range;
		}
		return range + String.format(Locale.ROOT, " The machine's speed changed %.1f-fold during the run, so its"
				+ " ratios are less certain than their ranges show.", max / min);
	}

	/** The calibration's scores, in the order of the result files. */
	static List<Double> calibrations(List<JsonNode> files) {
		return resultsOf("CalibrationBenchmark.", files).stream()
			.map((r) -> r.get("primaryMetric").get("score").asDouble())
			.toList();
	}

	/** The fork's own JVM options (heap, GC), as ", -Xms4g -Xmx4g"; JMH's agent and system properties are left out. */
	private static String jvmOptions(JsonNode result) {
		StringBuilder out = new StringBuilder();
		for (JsonNode arg : result.path("jvmArgs")) {
			if (arg.asText().startsWith("-X")) {
				out.append(out.isEmpty() ? ", " : " ").append(arg.asText());
			}
		}
		return out.toString();
	}

	/** The OrmBenchmark results of all rounds, in order; others (InitBenchmark) are not in the table. */
	private static List<JsonNode> ormResults(List<JsonNode> rounds) {
		return resultsOf("OrmBenchmark.", rounds);
	}

	/** The results of one benchmark class ({@code "Name."}) across the files, in order. */
	private static List<JsonNode> resultsOf(String benchmark, List<JsonNode> files) {
		List<JsonNode> out = new ArrayList<>();
		for (JsonNode results : files) {
			for (JsonNode r : results) {
				if (r.get("benchmark").asText().contains(benchmark)) {
					out.add(r);
				}
			}
		}
		return out;
	}

	/** This machine: processor, cores and memory. */
	static String machine() {
		String cpu = "unknown processor";
		try {
			cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
				.filter((line) -> line.startsWith("model name"))
				.map((line) -> line.substring(line.indexOf(':') + 1).trim())
				.findFirst()
				.orElse(cpu);
		}
		catch (IOException ex) {
			// not Linux: the processor stays unnamed
		}
		long bytes = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getTotalMemorySize();
		return String.format(Locale.ROOT, "%d cores (%s), %d GiB", Runtime.getRuntime().availableProcessors(), cpu,
				Math.round(bytes / (1024.0 * 1024 * 1024)));
	}

	/** One contender of one operation: its measured iterations and allocation, round by round. */
	static final class Measure {

		final List<Double> roundScores = new ArrayList<>();

		final List<Double> iterations = new ArrayList<>();

		final List<Double> bytesPerOp = new ArrayList<>();

		double mean() {
			return this.iterations.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
		}

		/** Half-width of the 99.9 % confidence interval over every measured iteration, as JMH computes it. */
		double error() {
			int n = this.iterations.size();
			if (n < 2) {
				return Double.NaN;
			}
			double mean = mean();
			double squares = this.iterations.stream().mapToDouble((v) -> (v - mean) * (v - mean)).sum();
			double stdev = Math.sqrt(squares / (n - 1));
			return new TDistribution(n - 1).inverseCumulativeProbability(1 - 0.001 / 2) * stdev / Math.sqrt(n);
		}

	}

	static String table(List<JsonNode> rounds) {
		// db -> operation -> contender -> measure
		Map<String, Map<String, Map<String, Measure>>> table = new TreeMap<>();
		for (JsonNode r : ormResults(rounds)) {
			String name = r.get("benchmark").asText();
			String method = name.substring(name.lastIndexOf('.') + 1);
			int cut = method.lastIndexOf('_');
			Measure m = table.computeIfAbsent(r.path("params").path("db").asText("?"), (k) -> new TreeMap<>())
				.computeIfAbsent(method.substring(0, cut), (k) -> new TreeMap<>())
				.computeIfAbsent(method.substring(cut + 1), (k) -> new Measure());
			JsonNode primary = r.get("primaryMetric");
			m.roundScores.add(primary.get("score").asDouble());
			for (JsonNode fork : primary.path("rawData")) {
				fork.forEach((iteration) -> m.iterations.add(iteration.asDouble()));
			}
			JsonNode alloc = r.path("secondaryMetrics").path("gc.alloc.rate.norm");
			if (!alloc.isMissingNode()) {
				m.bytesPerOp.add(alloc.get("score").asDouble());
			}
		}
		StringBuilder out = new StringBuilder();
		out.append("| database | operation | Tortoise ops/s | raw R2DBC ops/s | Spring Data ops/s | Tortoise / raw | Tortoise / Spring Data | KB/op Tortoise · raw · Spring Data |\n");
		out.append("|---|---|---|---|---|---|---|---|\n");
		table.forEach((db, operations) -> operations.forEach((operation, c) -> {
			Measure t = c.get("tortoise");
			Measure raw = c.get("raw");
			Measure sd = c.get("springData");
			out.append("| ").append(db).append(" | ").append(operation).append(" | ").append(ops(t)).append(" | ")
				.append(ops(raw)).append(" | ").append(ops(sd)).append(" | ").append(ratio(t, raw)).append(" | ")
				.append(ratio(t, sd)).append(" | ").append(kb(t)).append(" · ").append(kb(raw)).append(" · ")
				.append(kb(sd)).append(" |\n");
		}));
		return out.toString();
	}

	private static String ops(Measure m) {
		if (m == null) {
			return "—";
		}
		double error = m.error();
		return Double.isNaN(error) ? String.format(Locale.ROOT, "%,.0f", m.mean())
				: String.format(Locale.ROOT, "%,.0f ± %,.0f", m.mean(), error);
	}

	/** The geometric mean of the round-by-round ratios, with the lowest and highest when there are several. */
	static String ratio(Measure a, Measure b) {
		if (a == null || b == null || a.roundScores.size() != b.roundScores.size()) {
			return "—";
		}
		int n = a.roundScores.size();
		List<Double> ratios = new ArrayList<>(n);
		for (int i = 0; i < n; i++) {
			ratios.add(a.roundScores.get(i) / b.roundScores.get(i));
		}
		String mean = String.format(Locale.ROOT, "%.2f×", geometricMean(ratios));
		return (n == 1) ? mean : mean + String.format(Locale.ROOT, " (%.2f–%.2f)", java.util.Collections.min(ratios),
				java.util.Collections.max(ratios));
	}

	/** The geometric mean, the average of ratios that treats 0.5× and 2× as equally far from 1×. */
	static double geometricMean(List<Double> values) {
		return Math.exp(values.stream().mapToDouble(Math::log).average().orElse(Double.NaN));
	}

	private static String kb(Measure m) {
		return kilobytes((m == null) ? java.util.OptionalDouble.empty()
				: m.bytesPerOp.stream().mapToDouble(Double::doubleValue).average());
	}

	/** Bytes per operation as both tables print them: kilobytes to one decimal, or a dash when none were measured. */
	static String kilobytes(java.util.OptionalDouble bytes) {
		return bytes.isPresent() ? String.format(Locale.ROOT, "%.1f", bytes.getAsDouble() / 1024) : "—";
	}

}

package dev.tortoise.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The suite's table from {@link Suite}'s JSON lines: per database, shape and concurrency, each
 * test's rows per second for Tortoise and raw R2DBC in the first pass of a fresh JVM and in
 * the second (after one untimed pass, as the "shortly after start"), each contender
 * alone in its JVM where such runs are in the file; and fully warm, the median of the last
 * third of the passes in which the contenders took turns. Ratios are Tortoise's to raw, and
 * "warm ÷ 2nd" is how much faster Tortoise gets after its second pass. The last row is each
 * column's geometric mean, as the suite reports it.
 *
 * <pre>java -cp benchmarks.jar dev.tortoise.benchmarks.SuiteReport results/suite.jsonl [--readme README.md] [--settings "..."]</pre>
 */
public final class SuiteReport {

	private static final Pattern LINE = Pattern.compile("\\{\"db\":\"(\\w+)\",\"shape\":(\\d+),\"concurrency\":(\\d+),"
			+ "\"contender\":\"(\\w+)\",\"pass\":(\\d+),\"test\":\"(\\w)\",\"rows\":(\\d+),\"nanos\":(\\d+)"
			+ "(?:,\"alone\":(true|false))?\\}");

	static final String START = "<!-- suite:start -->";

	static final String END = "<!-- suite:end -->";

	private SuiteReport() {
	}

	public static void main(String[] args) throws IOException {
		Path results = Path.of(args[0]);
		Path readme = null;
		String settings = "";
		for (int i = 1; i + 1 < args.length; i += 2) {
			if (args[i].equals("--readme")) {
				readme = Path.of(args[i + 1]);
			}
			else if (args[i].equals("--settings")) {
				settings = args[i + 1];
			}
		}
		String table = report(Files.readAllLines(results), settings);
		System.out.println(table);
		if (readme != null) {
			String text = Files.readString(readme);
			int start = text.indexOf(START);
			int end = text.indexOf(END);
			if (start < 0 || end < start) {
				throw new IllegalStateException(readme + " has no " + START + " ... " + END + " section to replace.");
			}
			Files.writeString(readme, text.substring(0, start + START.length()) + "\n" + table + text.substring(end));
		}
	}

	/** One run's rows per second of a test: rows over seconds. */
	record Run(String db, int shape, int concurrency, String contender, int pass, String test, long rows, long nanos,
			boolean alone) {

		double rate() {
			return this.rows / (this.nanos / 1e9);
		}

	}

	static String report(List<String> lines, String settings) {
		List<Run> runs = new ArrayList<>();
		for (String line : lines) {
			Matcher m = LINE.matcher(line.trim());
			if (m.matches()) {
				runs.add(new Run(m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), m.group(4),
						Integer.parseInt(m.group(5)), m.group(6), Long.parseLong(m.group(7)), Long.parseLong(m.group(8)),
						"true".equals(m.group(9))));
			}
		}
		Map<String, List<Run>> byConfig = new TreeMap<>();
		for (Run r : runs) {
			byConfig.computeIfAbsent(r.db() + " · shape " + r.shape() + " · concurrency " + r.concurrency(),
					(k) -> new ArrayList<>()).add(r);
		}
		StringBuilder out = new StringBuilder();
		if (!settings.isEmpty()) {
			out.append(settings).append("\n\n");
		}
		for (Map.Entry<String, List<Run>> config : byConfig.entrySet()) {
			List<Run> turns = config.getValue().stream().filter((r) -> !r.alone()).toList();
			List<Run> alone = config.getValue().stream().filter(Run::alone).toList();
			List<Run> fresh = alone.isEmpty() ? turns : alone;
			int passes = turns.stream().mapToInt(Run::pass).max().orElse(0);
			out.append("**").append(config.getKey()).append("** (").append(alone.isEmpty() ? "" : "1st and 2nd pass: each contender alone in a fresh JVM; ")
				.append("warm: passes ").append(passes - passes / 3 + 1).append(" to ").append(passes)
				.append(" of ").append(passes).append(", taking turns; rows/s)\n\n");
			out.append("| test | Tortoise 1st pass | raw 1st | ratio 1st | Tortoise 2nd pass | raw 2nd | ratio 2nd | Tortoise warm"
					+ " | raw warm | ratio warm | Tortoise warm ÷ 2nd |\n");
			out.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
			double[] logs = new double[10];
			int tests = 0;
			for (String test : Suite.TESTS) {
				double t1 = rate(fresh, "tortoise", test, 1, 1);
				double r1 = rate(fresh, "raw", test, 1, 1);
				double t2 = rate(fresh, "tortoise", test, 2, 2);
				double r2 = rate(fresh, "raw", test, 2, 2);
				double tw = rate(turns, "tortoise", test, passes - passes / 3 + 1, passes);
				double rw = rate(turns, "raw", test, passes - passes / 3 + 1, passes);
				if (Double.isNaN(t1) || Double.isNaN(r1) || Double.isNaN(tw)) {
					continue;
				}
				tests++;
				double[] row = { t1, r1, t1 / r1, t2, r2, t2 / r2, tw, rw, tw / rw, tw / t2 };
				for (int i = 0; i < row.length; i++) {
					logs[i] += Math.log(row[i]);
				}
				out.append("| ").append(test).append(' ').append(name(test));
				for (int i = 0; i < row.length; i++) {
					out.append(" | ").append(format(i, row[i], false));
				}
				out.append(" |\n");
			}
			out.append("| geometric mean");
			for (int i = 0; i < logs.length; i++) {
				out.append(" | ").append(format(i, Math.exp(logs[i] / Math.max(1, tests)), true));
			}
			out.append(" |\n\n");
		}
		return out.toString();
	}

	/** A cell: rows/s, or a ratio (columns 2, 5, 8 and 9), bold in the last row. */
	private static String format(int column, double value, boolean bold) {
		if (column == 2 || column == 5 || column == 8 || column == 9) {
			String ratio = String.format(Locale.ROOT, "%.2f×", value);
			return bold ? "**" + ratio + "**" : ratio;
		}
		return String.format(Locale.ROOT, "%,.0f", value);
	}

	/** The median rate of a contender's test over passes {@code from} to {@code to}. */
	private static double rate(List<Run> runs, String contender, String test, int from, int to) {
		double[] rates = runs.stream().filter((r) -> r.contender().equals(contender) && r.test().equals(test)
				&& r.pass() >= from && r.pass() <= to).mapToDouble(Run::rate).sorted().toArray();
		if (rates.length == 0) {
			return Double.NaN;
		}
		return (rates.length % 2 == 1) ? rates[rates.length / 2]
				: (rates[rates.length / 2 - 1] + rates[rates.length / 2]) / 2;
	}

	private static String name(String test) {
		return switch (test) {
			case "A" -> "insert single";
			case "B" -> "insert batch (transaction)";
			case "C" -> "insert bulk";
			case "D" -> "filter large";
			case "E" -> "filter small";
			case "F" -> "get";
			case "G" -> "filter, dicts";
			case "H" -> "filter, tuples";
			case "I" -> "update whole";
			case "J" -> "update partial";
			default -> "delete";
		};
	}

}

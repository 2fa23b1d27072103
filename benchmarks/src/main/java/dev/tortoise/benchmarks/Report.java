package dev.tortoise.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Turns a JMH JSON result of {@link OrmBenchmark} into the README's Markdown table:
 * throughput per contender, Tortoise's ratio to raw R2DBC and to Spring Data R2DBC, and
 * allocation per operation when run with {@code -prof gc}.
 */
public final class Report {

	private Report() {
	}

	public static void main(String[] args) throws IOException {
		if (args.length != 1) {
			System.err.println("usage: Report results.json");
			System.exit(2);
		}
		JsonNode results = new ObjectMapper().readTree(Path.of(args[0]).toFile());
		// db -> operation -> contender -> [ops/s, error, bytes/op]
		Map<String, Map<String, Map<String, double[]>>> table = new TreeMap<>();
		for (JsonNode r : results) {
			String name = r.get("benchmark").asText();
			if (!name.contains("OrmBenchmark.")) {
				continue;
			}
			String method = name.substring(name.lastIndexOf('.') + 1);
			int cut = method.lastIndexOf('_');
			String operation = method.substring(0, cut);
			String contender = method.substring(cut + 1);
			String db = r.path("params").path("db").asText("?");
			JsonNode primary = r.get("primaryMetric");
			JsonNode alloc = r.path("secondaryMetrics").path("gc.alloc.rate.norm");
			table.computeIfAbsent(db, (k) -> new TreeMap<>())
				.computeIfAbsent(operation, (k) -> new TreeMap<>())
				.put(contender, new double[] { primary.get("score").asDouble(), primary.get("scoreError").asDouble(),
						alloc.isMissingNode() ? Double.NaN : alloc.get("score").asDouble() });
		}
		StringBuilder out = new StringBuilder();
		out.append("| database | operation | Tortoise ops/s | raw R2DBC ops/s | Spring Data ops/s | Tortoise / raw | Tortoise / Spring Data | KB/op Tortoise · raw · Spring Data |\n");
		out.append("|---|---|---|---|---|---|---|---|\n");
		table.forEach((db, operations) -> operations.forEach((operation, c) -> {
			double[] t = c.get("tortoise");
			double[] raw = c.get("raw");
			double[] sd = c.get("springData");
			out.append("| ").append(db).append(" | ").append(operation).append(" | ").append(ops(t)).append(" | ")
				.append(ops(raw)).append(" | ").append(ops(sd)).append(" | ").append(ratio(t, raw)).append(" | ")
				.append(ratio(t, sd)).append(" | ").append(kb(t)).append(" · ").append(kb(raw)).append(" · ")
				.append(kb(sd)).append(" |\n");
		}));
		System.out.print(out);
	}

	private static String ops(double[] m) {
		return (m == null) ? "—" : String.format(Locale.ROOT, "%,.0f ± %,.0f", m[0], m[1]);
	}

	private static String ratio(double[] a, double[] b) {
		return (a == null || b == null) ? "—" : String.format(Locale.ROOT, "%.2f×", a[0] / b[0]);
	}

	private static String kb(double[] m) {
		return (m == null || Double.isNaN(m[2])) ? "—" : String.format(Locale.ROOT, "%.1f", m[2] / 1024);
	}

}

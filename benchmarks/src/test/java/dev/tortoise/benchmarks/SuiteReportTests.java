package dev.tortoise.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The suite's table from its JSON lines: passes, medians, ratios and geometric means. */
class SuiteReportTests {

	private static String line(String contender, int pass, String test, long rows, double seconds, boolean alone) {
		return "{\"db\":\"h2\",\"shape\":1,\"concurrency\":10,\"contender\":\"" + contender + "\",\"pass\":" + pass
				+ ",\"test\":\"" + test + "\",\"rows\":" + rows + ",\"nanos\":" + (long) (seconds * 1e9)
				+ ",\"alone\":" + alone + "}";
	}

	/**
	 * Six passes of tests A and B, taking turns: Tortoise at half raw's rate first, then
	 * nearer, and at raw's rate in the last third only.
	 */
	private static List<String> lines() {
		List<String> lines = new ArrayList<>();
		for (int pass = 1; pass <= 6; pass++) {
			for (String test : List.of("A", "B")) {
				lines.add(line("raw", pass, test, 1000, 1.0, false));
				lines.add(line("tortoise", pass, test, 1000, (pass == 1) ? 2.0 : (pass == 2) ? 1.25 : (pass <= 4) ? 1.1 : 1.0,
						false));
			}
		}
		return lines;
	}

	@Test
	void firstSecondAndWarmPassesWithRatiosAndGeometricMeans() {
		String table = SuiteReport.report(lines(), "Settings: test.");
		assertThat(table).startsWith("Settings: test.")
			.contains("**h2 · shape 1 · concurrency 10** (warm: passes 5 to 6 of 6, taking turns; rows/s)")
			.contains("| A insert single | 500 | 1,000 | 0.50× | 800 | 1,000 | 0.80× | 1,000 | 1,000 | 1.00× | 1.25× |")
			.contains("| geometric mean | 500 | 1,000 | **0.50×** | 800 | 1,000 | **0.80×** | 1,000 | 1,000 | **1.00×** | **1.25×** |")
			.doesNotContain("K delete");
	}

	@Test
	void firstPassesComeFromEachContenderAloneInItsJvmWhenMeasured() {
		List<String> lines = new ArrayList<>(lines());
		for (String test : List.of("A", "B")) {
			lines.add(line("tortoise", 1, test, 1000, 4.0, true));
			lines.add(line("tortoise", 2, test, 1000, 2.0, true));
			lines.add(line("raw", 1, test, 1000, 2.0, true));
			lines.add(line("raw", 2, test, 1000, 1.6, true));
		}
		String table = SuiteReport.report(lines, "");
		assertThat(table).contains("(1st and 2nd pass: each contender alone in a fresh JVM; warm: passes 5 to 6 of 6")
			.contains("| A insert single | 250 | 500 | 0.50× | 500 | 625 | 0.80× | 1,000 | 1,000 | 1.00× | 2.00× |");
	}

	@Test
	void theReadmeSectionIsReplacedBetweenItsMarkers(@TempDir Path dir) throws Exception {
		Path results = dir.resolve("suite.jsonl");
		Files.write(results, lines());
		Path readme = dir.resolve("README.md");
		Files.writeString(readme, "# Before\n" + SuiteReport.START + "\nold table\n" + SuiteReport.END + "\n# After\n");
		SuiteReport.main(new String[] { results.toString(), "--readme", readme.toString() });
		String text = Files.readString(readme);
		assertThat(text).startsWith("# Before\n" + SuiteReport.START).doesNotContain("old table")
			.contains("| B insert batch (transaction) |").endsWith(SuiteReport.END + "\n# After\n");
	}

}

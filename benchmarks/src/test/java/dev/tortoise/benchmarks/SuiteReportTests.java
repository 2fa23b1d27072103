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

	private static String line(String contender, int pass, String test, long rows, double seconds) {
		return "{\"db\":\"h2\",\"shape\":1,\"concurrency\":10,\"contender\":\"" + contender + "\",\"pass\":" + pass
				+ ",\"test\":\"" + test + "\",\"rows\":" + rows + ",\"nanos\":" + (long) (seconds * 1e9) + "}";
	}

	/** Four passes of tests A and B: Tortoise at half raw's rate first, then at raw's rate. */
	private static List<String> lines() {
		List<String> lines = new ArrayList<>();
		for (int pass = 1; pass <= 4; pass++) {
			for (String test : List.of("A", "B")) {
				lines.add(line("raw", pass, test, 1000, 1.0));
				lines.add(line("tortoise", pass, test, 1000, (pass == 1) ? 2.0 : (pass == 2) ? 1.25 : 1.0));
			}
		}
		return lines;
	}

	@Test
	void firstSecondAndWarmPassesWithRatiosAndGeometricMeans() {
		String table = SuiteReport.report(lines(), "Settings: test.");
		assertThat(table).startsWith("Settings: test.").contains("**h2 · shape 1 · concurrency 10** (4 passes; rows/s)")
			.contains("| A insert single | 500 | 1,000 | 800 | 1,000 | 0.80× | 1,000 | 1,000 | 1.00× |")
			.contains("| geometric mean | 500 | 1,000 | 800 | 1,000 | **0.80×** | 1,000 | 1,000 | **1.00×** |")
			.doesNotContain("K delete");
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

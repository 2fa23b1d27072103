package dev.tortoise.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One small pass of the suite on an embedded database per shape: every test runs for both
 * contenders, and both write, read, update and delete the same number of rows (E reads pages
 * at random offsets, so only its being non-empty is compared).
 */
class SuiteTests {

	private static final Pattern LINE = Pattern.compile("\"contender\":\"(\\w+)\",\"pass\":1,\"test\":\"(\\w)\",\"rows\":(\\d+)");

	@ParameterizedTest
	@CsvSource({ "h2, 1", "sqlite, 2", "h2, 3" })
	void bothContendersDoTheSameWork(String db, int shape, @TempDir Path dir) throws Exception {
		Path out = dir.resolve("suite.jsonl");
		Suite.main(new String[] { "--db", db, "--shape", String.valueOf(shape), "--concurrency", "4", "--passes", "1",
				"--iterations", "100", "--out", out.toString() });
		Map<String, Long> rows = new HashMap<>();
		for (String line : Files.readAllLines(out)) {
			Matcher m = LINE.matcher(line);
			assertThat(m.find()).as(line).isTrue();
			rows.put(m.group(1) + " " + m.group(2), Long.parseLong(m.group(3)));
		}
		for (String test : Suite.TESTS) {
			assertThat(rows.get("tortoise " + test)).as("Tortoise, test %s", test).isPositive();
			if (!test.equals("E")) {
				assertThat(rows.get("raw " + test)).as("raw, test %s", test).isEqualTo(rows.get("tortoise " + test));
			}
		}
		assertThat(rows.get("tortoise A")).isEqualTo(100);
		assertThat(rows.get("tortoise D")).as("each of 4 chains reads the 300 rows of A, B and C twice, level by level")
			.isEqualTo(2400);
		assertThat(List.of("I", "J", "K")).allSatisfy((t) -> assertThat(rows.get("tortoise " + t)).isEqualTo(296));
	}

}

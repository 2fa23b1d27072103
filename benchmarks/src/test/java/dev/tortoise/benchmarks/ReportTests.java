package dev.tortoise.benchmarks;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's table from rounds of JMH results. */
class ReportTests {

	private static JsonNode round(double tortoise, double raw, double springData) throws Exception {
		return new ObjectMapper().readTree("[" + result("tortoise", tortoise, 2048) + "," + result("raw", raw, 1024) + ","
				+ result("springData", springData, 4096) + "]");
	}

	/** One JMH result: two iterations around the score, 2 % apart. */
	private static String result(String contender, double score, double bytes) {
		return """
				{"benchmark": "dev.tortoise.benchmarks.OrmBenchmark.getByPk_%s", "params": {"db": "h2"},
				 "primaryMetric": {"score": %s, "rawData": [[%s, %s]]},
				 "secondaryMetrics": {"gc.alloc.rate.norm": {"score": %s}}}
				""".formatted(contender, score, score * 0.99, score * 1.01, bytes);
	}

	@Test
	void ratiosAreTakenRoundByRoundThenAveragedWithTheirRange() throws Exception {
		String table = Report.table(List.of(round(90, 100, 45), round(100, 100, 50)));
		assertThat(table).contains("| h2 | getByPk | 95 ± ", "| 0.95× (0.90–1.00) | 2.00× (2.00–2.00) | 2.0 · 1.0 · 4.0 |");
	}

	@Test
	void oneRoundShowsTheRatioAlone() throws Exception {
		String table = Report.table(List.of(round(90, 100, 45)));
		assertThat(table).contains("| 0.90× | 2.00× |");
	}

	@Test
	void theErrorIsJmhsConfidenceIntervalOverEveryIteration() throws Exception {
		Report.Measure m = new Report.Measure();
		m.iterations.addAll(List.of(99.0, 101.0, 99.0, 101.0));
		// t(0.9995, 3 degrees of freedom) = 12.924; sample standard deviation 1.1547; n = 4
		assertThat(m.error()).isCloseTo(12.924 * 1.1547 / 2, org.assertj.core.data.Offset.offset(0.01));
	}

}

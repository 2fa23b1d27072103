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
	void theSettingsLineSaysHowManyRoundsRanAndUnderWhichJmhSettings() throws Exception {
		JsonNode round = new ObjectMapper().readTree("""
				[{"benchmark": "dev.tortoise.benchmarks.OrmBenchmark.count_raw", "params": {"db": "h2"},
				  "jmhVersion": "1.37", "mode": "thrpt", "jdkVersion": "17.0.15", "vmName": "OpenJDK 64-Bit Server VM",
				  "jvmArgs": ["-Xms4g", "-Xmx4g", "-Djmh.shutdownTimeout=1"],
				  "warmupIterations": 8, "warmupTime": "2 s", "measurementIterations": 3, "measurementTime": "2 s",
				  "primaryMetric": {"score": 1, "rawData": [[1]]}, "secondaryMetrics": {"gc.alloc.rate.norm": {"score": 1}}},
				 {"benchmark": "dev.tortoise.benchmarks.OrmBenchmark.count_raw", "params": {"db": "postgres"},
				  "primaryMetric": {"score": 1, "rawData": [[1]]}},
				 {"benchmark": "dev.tortoise.benchmarks.InitBenchmark.init", "params": {"models": "250"},
				  "primaryMetric": {"score": 1, "rawData": [[1]]}}]
				""");
		String settings = Report.settings(List.of(round, round, round), "abc1234", "2 cores (EPYC), 24 GiB",
				java.time.LocalDate.of(2026, 12, 2));
		assertThat(settings).isEqualTo("Measured 2026-12-02, commit `abc1234`, by `benchmarks/run.sh`: JMH 1.37, thrpt,"
				+ " 3 rounds, each contender in a fork of its own per round (8 × 2 s warm-up, 3 × 2 s measured,"
				+ " `-prof gc`); JDK 17.0.15 (OpenJDK 64-Bit Server VM, -Xms4g -Xmx4g); 2 cores (EPYC), 24 GiB.");
	}

	private static JsonNode calibration(double score) throws Exception {
		return new ObjectMapper().readTree("""
				[{"benchmark": "dev.tortoise.benchmarks.CalibrationBenchmark.hash", "params": {},
				  "primaryMetric": {"score": %s, "rawData": [[%s]]}}]
				""".formatted(score, score));
	}

	@Test
	void theSettingsLineGivesTheCalibrationsRangeAndTheTableIgnoresIt() throws Exception {
		List<JsonNode> files = List.of(calibration(1_000_000), round(90, 100, 45), calibration(1_100_000));
		assertThat(Report.settings(files, null, "2 cores", java.time.LocalDate.of(2026, 12, 2)))
			.endsWith("2 cores. CPU calibration (`CalibrationBenchmark`, before and after each round):"
					+ " 1,000,000–1,100,000 ops/s.");
		assertThat(Report.table(files)).isEqualTo(Report.table(List.of(round(90, 100, 45))));
	}

	@Test
	void aMachineWhoseSpeedChangedDuringTheRunIsSaidToHave() throws Exception {
		assertThat(Report.machineSpeed(List.of(1_000_000.0, 250_000.0)))
			.endsWith("The machine's speed changed 4.0-fold during the run, so its ratios are less certain than their"
					+ " ranges show.");
		assertThat(Report.machineSpeed(List.of(1_000_000.0, 900_000.0))).doesNotContain("changed");
		assertThat(Report.machineSpeed(List.of())).isEmpty();
	}

	@Test
	void warmUpsThatDifferByDatabaseAreGivenForEach() throws Exception {
		JsonNode round = new ObjectMapper().readTree("""
				[{"benchmark": "dev.tortoise.benchmarks.OrmBenchmark.count_raw", "params": {"db": "postgres"},
				  "warmupIterations": 10, "warmupTime": "2 s", "primaryMetric": {"score": 1, "rawData": [[1]]}},
				 {"benchmark": "dev.tortoise.benchmarks.OrmBenchmark.count_raw", "params": {"db": "h2"},
				  "warmupIterations": 20, "warmupTime": "2 s", "primaryMetric": {"score": 1, "rawData": [[1]]}}]
				""");
		assertThat(Report.settings(List.of(round), null, "2 cores", java.time.LocalDate.of(2026, 12, 2)))
			.contains("(20 × 2 s warm-up on h2, 10 × 2 s on postgres, ");
	}

	@Test
	void theTableReplacesWhatLiesBetweenTheMarkersAndNothingElse() {
		String readme = "# Title\nbefore\n" + Report.BEGIN + "\nold table\n" + Report.END + "\nafter\n";
		assertThat(Report.splice(readme, Report.BEGIN, "new table\n"))
			.isEqualTo("# Title\nbefore\n" + Report.BEGIN + "\nnew table\n" + Report.END + "\nafter\n");
	}

	@Test
	void aSecondTableEndsAtTheEndMarkerAfterItsOwnBeginning() {
		String readme = Report.BEGIN + "\nfirst\n" + Report.END + "\ntext\n" + Interleaved.BEGIN + "\nsecond\n"
				+ Report.END + "\nafter\n";
		assertThat(Report.splice(readme, Interleaved.BEGIN, "new\n")).isEqualTo(Report.BEGIN + "\nfirst\n" + Report.END
				+ "\ntext\n" + Interleaved.BEGIN + "\nnew\n" + Report.END + "\nafter\n");
	}

	@Test
	void aReadmeWithoutMarkersIsRefusedSayingWhatToAdd() {
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> Report.splice("# Title\n", Report.BEGIN, "table"))
			.withMessage("The README has no place for the table: put a line " + Report.BEGIN + " before it and a line "
					+ Report.END + " after it, then run again.");
	}

	@Test
	void theMachineIsDescribedByCoresAndMemory() {
		assertThat(Report.machine()).startsWith(Runtime.getRuntime().availableProcessors() + " cores (").endsWith(" GiB");
	}

	@Test
	void theErrorIsJmhsConfidenceIntervalOverEveryIteration() throws Exception {
		Report.Measure m = new Report.Measure();
		m.iterations.addAll(List.of(99.0, 101.0, 99.0, 101.0));
		// t(0.9995, 3 degrees of freedom) = 12.924; sample standard deviation 1.1547; n = 4
		assertThat(m.error()).isCloseTo(12.924 * 1.1547 / 2, org.assertj.core.data.Offset.offset(0.01));
	}

}

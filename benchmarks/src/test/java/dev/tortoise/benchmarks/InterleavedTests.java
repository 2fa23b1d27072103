package dev.tortoise.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.tortoise.benchmarks.Interleaved.Settings;
import dev.tortoise.benchmarks.Interleaved.Turn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class InterleavedTests {

	private static Turn turn(int fork, int turn, double raw, double springData, double tortoise) {
		return new Turn("h2", "count", fork, turn, Map.of("raw", raw, "springData", springData, "tortoise", tortoise),
				Map.of(), "1 s of warm-up");
	}

	private static Turn allocating(int turn, double raw, double springData, double tortoise) {
		return new Turn("h2", "count", 1, turn, Map.of("raw", 1.0, "springData", 1.0, "tortoise", 1.0),
				Map.of("raw", raw, "springData", springData, "tortoise", tortoise), "1 s of warm-up");
	}

	@Test
	void aRunMeasuresEveryContenderOfTheOperationOnH2AndRecordsEachTurn() throws Throwable {
		List<Turn> turns = Interleaved
			.run(Settings.parse("--db", "h2", "--operation", "count", "--warm-up", "0s", "--turns", "3", "--slice", "20ms"));
		assertThat(turns).hasSize(3).extracting(Turn::turn).containsExactly(1, 2, 3);
		for (Turn t : turns) {
			assertThat(t.opsPerSecond()).containsOnlyKeys("raw", "springData", "tortoise");
			assertThat(t.opsPerSecond().values()).allSatisfy((ops) -> assertThat(ops).isPositive());
			// Every contender allocates its rows and statements: at least a few hundred bytes a count.
			assertThat(t.bytesPerOperation()).containsOnlyKeys("raw", "springData", "tortoise");
			assertThat(t.bytesPerOperation().values()).allSatisfy((bytes) -> assertThat(bytes).isGreaterThan(500));
			assertThat(t.conditions()).startsWith("0 s of warm-up in turns, then 3 turns of one 20 ms slice");
		}
	}

	@Test
	void anOperationOrmBenchmarkDoesNotHaveIsRefusedWithTheOnesItHas() {
		assertThatIllegalArgumentException().isThrownBy(() -> Interleaved.contenders("cuont"))
			.withMessageStartingWith("OrmBenchmark has no operation \"cuont\" for raw; its operations are [")
			.withMessageContaining("count, filter100, getByPk");
	}

	@Test
	void settingsTakeDefaultsAndDurationsInSecondsOrMilliseconds() {
		Settings s = Settings.parse("--db", "postgres", "--operation", "getByPk", "--slice", "250ms");
		assertThat(s.fork()).isEqualTo(1);
		assertThat(s.warmUp()).isEqualTo(Duration.ofSeconds(45));
		assertThat(s.turns()).isEqualTo(30);
		assertThat(s.slice()).isEqualTo(Duration.ofMillis(250));
		assertThatIllegalArgumentException().isThrownBy(() -> Settings.duration("2m"))
			.withMessage("A duration is written 45s or 500ms, not \"2m\".");
		assertThatIllegalArgumentException().isThrownBy(() -> Settings.parse("--db", "h2"))
			.withMessage("--operation is required.");
	}

	@Test
	void turnsSurviveTheirJsonLines(@TempDir Path dir) throws Exception {
		Turn t = turn(2, 7, 100.5, 50.25, 90);
		Turn a = allocating(8, 1000, 2000.5, 1100);
		Path file = dir.resolve("turns.jsonl");
		Files.writeString(file, t.json() + "\n\n" + a.json() + "\n");
		assertThat(Interleaved.read(file)).containsExactly(t, a);
	}

	@Test
	void allocationPerOperationIsEachContendersMedianInKilobytes() {
		List<Turn> turns = List.of(allocating(1, 1024, 4096, 2048), allocating(2, 1024, 4096, 2048),
				allocating(3, 102400, 4096, 3072));
		// One turn where something else allocated 100 KB moves the median by nothing.
		assertThat(Interleaved.kilobytes(turns, "raw")).isEqualTo("1.0");
		assertThat(Interleaved.kilobytes(turns, "tortoise")).isEqualTo("2.0");
		assertThat(Interleaved.kilobytes(turns, "springData")).isEqualTo("4.0");
		assertThat(Interleaved.kilobytes(List.of(turn(1, 1, 1, 1, 1)), "raw")).isEqualTo("—");
	}

	@Test
	void allocationCountsWhatThisThreadAllocates() {
		long before = Interleaved.allocated();
		Interleaved.sink = new byte[1 << 20];
		assertThat(Interleaved.allocated() - before).isGreaterThanOrEqualTo(1 << 20);
	}

	@Test
	void theRatioIsTheGeometricMeanOfEveryTurnWithItsForksAndMiddleHalf() {
		List<Turn> turns = new ArrayList<>();
		// Fork 1: Tortoise at 0.8 and 1.25 of raw (geometric mean 1); fork 2: at 0.92 twice. All four:
		// the square root of 0.92; quartiles 0.8 + 0.75 × 0.12 and 0.92 + 0.25 × 0.33.
		turns.add(turn(1, 1, 100, 50, 80));
		turns.add(turn(1, 2, 100, 50, 125));
		turns.add(turn(2, 1, 100, 50, 92));
		turns.add(turn(2, 2, 100, 50, 92));
		assertThat(Interleaved.summary(turns, (t) -> t.ratio("raw"))).isEqualTo("0.96× (forks 0.92–1.00; turns 0.89–1.00)");
		assertThat(Interleaved.summary(turns.subList(2, 4), (t) -> t.ratio("springData")))
			.isEqualTo("1.84× (turns 1.84–1.84)");
	}

	@Test
	void theTableHasOneRowPerDatabaseAndOperationWithItsForksAndTurns() {
		List<Turn> turns = List.of(turn(1, 1, 100, 50, 90), turn(2, 1, 100, 50, 110),
				new Turn("postgres", "getByPk", 1, 1, Map.of("raw", 10.0, "springData", 5.0, "tortoise", 10.0),
						Map.of("raw", 1536.0, "springData", 3072.0, "tortoise", 2048.0), "c"));
		assertThat(Interleaved.table(turns).lines().toList()).containsExactly(
				"| database | operation | Tortoise / raw | Tortoise / Spring Data | KB/op Tortoise · raw · Spring Data"
						+ " | forks × turns |",
				"|---|---|---|---|---|---|",
				"| h2 | count | 0.99× (forks 0.90–1.10; turns 0.95–1.05) | 1.99× (forks 1.80–2.20; turns 1.90–2.10)"
						+ " | — · — · — | 2 × 1 |",
				"| postgres | getByPk | 1.00× (turns 1.00–1.00) | 2.00× (turns 2.00–2.00) | 2.0 · 1.5 · 3.0 | 1 × 1 |");
	}

	@Test
	void theSettingsLineNamesForksConditionsAndMachine() {
		assertThat(Interleaved.settings(List.of(turn(1, 1, 1, 1, 1), turn(2, 1, 1, 1, 1)), "abc1234", "2 cores",
				LocalDate.of(2026, 12, 3)))
			.isEqualTo("Measured 2026-12-03, commit `abc1234`, by `benchmarks/interleaved.sh`: 2 forks (a fresh JVM each)"
					+ " per operation and database, 1 s of warm-up; 2 cores.");
	}

}

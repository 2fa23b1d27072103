package dev.tortoise.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tortoise.benchmarks.OrmBenchmark.RawEvent;
import dev.tortoise.benchmarks.OrmBenchmark.RawNamed;
import dev.tortoise.benchmarks.model.BEvent;
import dev.tortoise.benchmarks.model.BTeam;
import dev.tortoise.benchmarks.springdata.SdEvent;
import dev.tortoise.benchmarks.springdata.SdTeam;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The three contenders of each operation compute the same thing, on H2: a figure is only
 * worth comparing if no contender skips work the others do.
 */
class OrmBenchmarkTests {

	private OrmBenchmark bench;

	@BeforeEach
	void setUp() {
		this.bench = new OrmBenchmark();
		this.bench.db = "h2";
		this.bench.setUp();
	}

	@AfterEach
	void tearDown() {
		this.bench.tearDown();
	}

	@Test
	@SuppressWarnings("unchecked")
	void relationLoadingGivesEveryContenderTheSameEventsTournamentsAndParticipants() {
		Map<String, String> tortoise = new LinkedHashMap<>();
		for (BEvent e : (List<BEvent>) this.bench.relations100_tortoise()) {
			tortoise.put(e.name, e.tournament.id + " " + e.tournament.name + " " + teams(e.participants.list().stream()
				.map((t) -> new RawNamed(t.id, t.name)).toList()));
		}
		Map<String, Object> raw = (Map<String, Object>) this.bench.relations100_raw();
		Map<Long, RawNamed> tournaments = (Map<Long, RawNamed>) raw.get("tournaments");
		Map<Long, List<RawNamed>> teams = (Map<Long, List<RawNamed>>) raw.get("teams");
		Map<String, String> hand = new LinkedHashMap<>();
		for (RawEvent e : (List<RawEvent>) raw.get("events")) {
			RawNamed t = tournaments.get(e.tournamentId());
			hand.put(e.name(), t.id() + " " + t.name() + " " + teams(teams.getOrDefault(e.id(), List.of())));
		}
		Map<String, String> springData = new LinkedHashMap<>();
		for (SdEvent e : (List<SdEvent>) this.bench.relations100_springData()) {
			List<RawNamed> named = new ArrayList<>();
			for (SdTeam t : e.participants) {
				named.add(new RawNamed(t.id, t.name));
			}
			springData.put(e.name, e.tournament.id + " " + e.tournament.name + " " + teams(named));
		}
		assertThat(tortoise).hasSize(100);
		assertThat(tortoise.values()).allSatisfy((v) -> assertThat(v).contains("Cup").contains("Team "));
		assertThat(hand).containsExactlyEntriesOf(tortoise);
		assertThat(springData).containsExactlyEntriesOf(tortoise);
	}

	@Test
	@SuppressWarnings("unchecked")
	void filterAndCountGiveTheSameRows() {
		List<String> tortoise = ((List<BEvent>) this.bench.filter100_tortoise()).stream().map((e) -> e.name).toList();
		assertThat(tortoise).hasSize(100).isSorted();
		assertThat(((List<RawEvent>) this.bench.filter100_raw()).stream().map(RawEvent::name).toList())
			.isEqualTo(tortoise);
		assertThat(((List<SdEvent>) this.bench.filter100_springData()).stream().map((e) -> e.name).toList())
			.isEqualTo(tortoise);
		Object count = this.bench.count_tortoise();
		assertThat(count).isEqualTo(this.bench.count_raw()).isEqualTo(this.bench.count_springData());
		assertThat((Long) count).isPositive();
	}

	@Test
	@SuppressWarnings("unchecked")
	void annotatedCountsAndUpsertsAgreeAcrossContenders() {
		List<List<Object>> tortoise = (List<List<Object>>) this.bench.annotateCount_tortoise();
		assertThat(tortoise).hasSize(OrmBenchmark.TEAMS);
		List<String> expected = tortoise.stream().map((row) -> row.get(1) + "=" + ((Number) row.get(2)).longValue()).toList();
		assertThat(expected).allSatisfy((row) -> assertThat(row).matches("Team \\d+=\\d+"));
		assertThat(((List<List<Object>>) this.bench.annotateCount_raw()).stream()
			.map((row) -> row.get(1) + "=" + row.get(2)).toList()).isEqualTo(expected);
		assertThat(((List<List<Object>>) this.bench.annotateCount_springData()).stream()
			.map((row) -> row.get(1) + "=" + row.get(2)).toList()).isEqualTo(expected);
		this.bench.upsert_tortoise();
		this.bench.upsert_raw();
		this.bench.upsert_springData();
		assertThat(((List<List<Object>>) this.bench.annotateCount_tortoise()).stream()
			.map((row) -> row.get(1) + "=" + ((Number) row.get(2)).longValue()).toList())
			.as("upserts change names to what they were, and add no team").isEqualTo(expected);
	}

	@Test
	void insertsAddOneRowEachAndBulkInsertsAThousand() {
		long before = (Long) this.bench.count_raw();
		this.bench.insertOne_tortoise();
		this.bench.insertOne_raw();
		this.bench.insertOne_springData();
		this.bench.bulkInsert1000_tortoise();
		this.bench.bulkInsert1000_raw();
		this.bench.bulkInsert1000_springData();
		// Inserted rows have score 1 or i % 100; count_raw counts scores above 50.
		long after = (Long) this.bench.count_raw();
		assertThat(after - before).isEqualTo(3 * 490);
	}

	private static String teams(List<RawNamed> teams) {
		return teams.stream().sorted(java.util.Comparator.comparing(RawNamed::id))
			.map((t) -> t.id() + ":" + t.name()).toList().toString();
	}

}

package dev.tortoise.query;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import dev.tortoise.Tortoise;
import dev.tortoise.TortoiseContext;
import dev.tortoise.config.TortoiseConfig;
import dev.tortoise.testing.Sql;
import dev.tortoise.testing.TestDatabase;
import dev.tortoise.testmodels.clock.Stamp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a MariaDB DATETIME(6) column, which keeps no offset, holds in each of the four
 * combinations of {@code use_tz} and {@code timezone}, against what Tortoise ORM writes and
 * reads there: with {@code use_tz} the instant's UTC wall time (as Tortoise's auto_now
 * values), without it the configured zone's wall time (as Tortoise reads every value).
 * Values around the DST changes of Europe/Paris read back as the instant written, except the
 * second pass through the repeated autumn hour without {@code use_tz}, which a wall time
 * cannot tell from the first: both sides read it as the first (Python's fold=0).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MySqlTimeZonesIntegrationTests {

	private static final DateTimeFormatter WALL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private TestDatabase db;

	@BeforeAll
	void start() {
		this.db = TestDatabase.mysql("zones");
	}

	@AfterAll
	void stop() {
		this.db.close();
	}

	private TortoiseContext context(boolean useTz, String zone) {
		TortoiseContext ctx = Tortoise.init(TortoiseConfig.builder().connection("default", this.db.url())
			.app("models", List.of("dev.tortoise.testmodels.clock")).useTz(useTz).timezone(zone).build()).block();
		ctx.generateSchemas(true).block();
		ctx.objects(Stamp.class).delete().block();
		return ctx;
	}

	private String stored(String column, String label) {
		return Sql.column(this.db.admin(), "SELECT DATE_FORMAT(" + column + ", '%Y-%m-%d %H:%i:%s') FROM `" + this.db.name()
				+ "`.stamp WHERE label = '" + label + "'").get(0);
	}

	@ParameterizedTest(name = "use_tz={0}, timezone={1}")
	@CsvSource({ "true, UTC", "true, Asia/Tokyo", "false, UTC", "false, Asia/Tokyo", "true, Europe/Paris",
			"false, Europe/Paris" })
	void explicitAndAutoNowValuesAreStoredAsTheRuleSaysAndReadBackAsTheirInstant(boolean useTz, String zone) {
		ZoneId wallZone = useTz ? ZoneOffset.UTC : ZoneId.of(zone);
		TortoiseContext ctx = context(useTz, zone);
		try {
			Stamp s = new Stamp();
			s.label = "ours";
			s.at = OffsetDateTime.parse("2024-07-14T12:00:00+09:00");
			ctx.create(s).block();
			assertThat(stored("at", "ours")).as("the instant's wall time in %s", wallZone)
				.isEqualTo(WALL.format(s.at.atZoneSameInstant(wallZone)));
			assertThat(stored("touched", "ours")).as("auto_now as Tortoise's: %s", useTz ? "UTC" : zone)
				.isEqualTo(WALL.format(s.touched.atZoneSameInstant(wallZone)));
			Stamp read = ctx.objects(Stamp.class).filter("label", "ours").get().block();
			assertThat(read.at.toInstant()).isEqualTo(s.at.toInstant());
			assertThat(read.at.getOffset()).as("read back in the configured zone")
				.isEqualTo(ZoneId.of(zone).getRules().getOffset(s.at.toInstant()));
			// A row as a Python service on Tortoise writes it: its wall time in the same zone.
			Instant theirs = Instant.parse("2024-01-02T03:04:05Z");
			Sql.execute(this.db.admin(), "INSERT INTO `" + this.db.name() + "`.stamp (label, at, touched) VALUES"
					+ " ('theirs', '" + WALL.format(theirs.atZone(wallZone)) + "', '2024-01-01 00:00:00')");
			assertThat(ctx.objects(Stamp.class).filter("label", "theirs").get().block().at.toInstant()).isEqualTo(theirs);
			assertThat(ctx.objects(Stamp.class).filter("at__lt", theirs.plusSeconds(1).atOffset(ZoneOffset.UTC))
				.filter("at__gt", theirs.minusSeconds(1).atOffset(ZoneOffset.UTC)).count().block())
				.as("filters bind instants by the same rule").isEqualTo(1);
		}
		finally {
			ctx.close();
		}
	}

	@ParameterizedTest(name = "use_tz={0}")
	@CsvSource({ "true", "false" })
	void valuesAroundDaylightSavingChangesReadBackAsTheirInstant(boolean useTz) {
		TortoiseContext ctx = context(useTz, "Europe/Paris");
		try {
			// Either side of the spring gap (02:00 -> 03:00 local) and the autumn repeat (03:00 -> 02:00 local).
			List<String> instants = List.of("2024-03-31T00:59:59Z", "2024-03-31T01:00:00Z", "2024-10-27T00:30:00Z",
					"2024-10-27T01:30:00Z", "2024-10-27T02:30:00Z");
			for (String instant : instants) {
				Stamp s = new Stamp();
				s.label = instant;
				s.at = OffsetDateTime.parse(instant);
				ctx.create(s).block();
			}
			for (String instant : instants) {
				Instant read = ctx.objects(Stamp.class).filter("label", instant).get().block().at.toInstant();
				boolean secondPassOfTheRepeatedHour = instant.equals("2024-10-27T01:30:00Z");
				if (useTz || !secondPassOfTheRepeatedHour) {
					assertThat(read).as(instant).isEqualTo(Instant.parse(instant));
				}
				else {
					assertThat(read).as("02:30 local names two instants; the first is read, as Tortoise (fold=0)")
						.isEqualTo(Instant.parse("2024-10-27T00:30:00Z"));
				}
			}
			assertThat(stored("at", "2024-10-27T01:30:00Z")).isEqualTo(useTz ? "2024-10-27 01:30:00" : "2024-10-27 02:30:00");
		}
		finally {
			ctx.close();
		}
	}

}

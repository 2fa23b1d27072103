package dev.tortoise.query;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import dev.tortoise.Tortoise;
import dev.tortoise.TortoiseContext;
import dev.tortoise.config.TortoiseConfig;
import dev.tortoise.exceptions.DoesNotExistException;
import dev.tortoise.exceptions.FieldException;
import dev.tortoise.exceptions.IntegrityException;
import dev.tortoise.exceptions.MultipleObjectsReturnedException;
import dev.tortoise.exceptions.NoValuesFetchedException;
import dev.tortoise.exceptions.ValidationException;
import dev.tortoise.schema.Dialect;
import dev.tortoise.testing.Sql;
import dev.tortoise.testing.TestDatabase;
import dev.tortoise.testmodels.query.Address;
import dev.tortoise.testmodels.query.AllTypes;
import dev.tortoise.testmodels.query.Event;
import dev.tortoise.testmodels.query.Kind;
import dev.tortoise.testmodels.query.Level;
import dev.tortoise.testmodels.query.Member;
import dev.tortoise.testmodels.query.Team;
import dev.tortoise.testmodels.query.Tenant;
import dev.tortoise.testmodels.query.TicketState;
import dev.tortoise.testmodels.query.Tournament;
import dev.tortoise.testmodels.query.Wallet;
import io.r2dbc.spi.ConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The whole query API on one database; subclasses pick PostgreSQL, MariaDB or H2. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class QueryIntegrationTests {

	static final ZoneId PARIS = ZoneId.of("Europe/Paris");

	TestDatabase db;

	TortoiseContext ctx;

	/** The isolated server database, or null for embedded H2. */
	abstract TestDatabase createDatabase();

	String url() {
		return this.db.url();
	}

	@BeforeAll
	void start() {
		this.db = createDatabase();
		this.ctx = Tortoise.init(TortoiseConfig.builder()
			.connection("default", url() + (url().contains("?") ? "&" : "?") + "maxsize=5")
			.app("models", List.of("dev.tortoise.testmodels.query"))
			.useTz(true)
			.timezone("Europe/Paris")
			.build()).block();
		this.ctx.generateSchemas().block();
	}

	@AfterAll
	void stop() {
		TestDatabase.closeAll(this.ctx, this.db);
	}

	@BeforeEach
	void clean() {
		this.ctx.objects(Address.class).delete().block();
		this.ctx.objects(Event.class).delete().block();
		this.ctx.objects(Team.class).delete().block();
		this.ctx.objects(Tournament.class).delete().block();
		this.ctx.objects(AllTypes.class).delete().block();
		this.ctx.objects(Wallet.class).delete().block();
		this.ctx.objects(Tenant.class).delete().block();
		this.ctx.objects(Member.class).delete().block();
	}

	private Tournament tournament(String name) {
		return this.ctx.create(new Tournament(name)).block();
	}

	private Event event(String name, Tournament t, BigDecimal prize) {
		Event e = new Event(name, t);
		e.prize = prize;
		return this.ctx.create(e).block();
	}

	private List<String> names(Flux<Event> events) {
		return events.map((e) -> e.name).collectList().block();
	}

	// --- create, save, delete -------------------------------------------------------

	@Test
	void createSetsGeneratedKeysAndAutoNowFields() {
		Tournament t = tournament("Cup");
		assertThat(t.id).isNotNull().isPositive();
		assertThat(t.created).isNotNull();
		Event e = event("Final", t, null);
		assertThat(e.id).isNotNull().isPositive();
		assertThat(e.modified).isNotNull();
		Event read = this.ctx.objects(Event.class).filter("id", e.id).get().block();
		assertThat(read.name).isEqualTo("Final");
		assertThat(read.tournament.id).isEqualTo(t.id);
		assertThat(read.tournament.name).as("an unfetched foreign key holds only the key").isNull();
		assertThat(read.modified.toInstant()).isEqualTo(e.modified.toInstant());
	}

	@Test
	void createsWithAndWithoutAGivenKeyEachBindTheirOwnValues() {
		// A single-row INSERT's text is written once per column set; the values are bound each time.
		Tournament t = tournament("Cup");
		Event first = event("Generated", t, new BigDecimal("1.50"));
		Event given = new Event("Given", t);
		given.id = 4242L;
		this.ctx.create(given).block();
		Event second = event("Generated again", t, new BigDecimal("2.25"));
		assertThat(given.id).isEqualTo(4242L);
		assertThat(second.id).isNotNull().isNotIn(first.id, given.id);
		Map<Long, String> names = this.ctx.objects(Event.class).all().collectMap((e) -> e.id, (e) -> e.name).block();
		assertThat(names).containsOnly(Map.entry(first.id, "Generated"), Map.entry(4242L, "Given"),
				Map.entry(second.id, "Generated again"));
		assertThat(this.ctx.objects(Event.class).filter("id", second.id).get().block().prize)
			.isEqualByComparingTo("2.25");
	}

	@Test
	void saveUpdatesAndDeleteRemoves() {
		Tournament t = tournament("Cup");
		t.name = "Renamed";
		this.ctx.save(t).block();
		assertThat(this.ctx.objects(Tournament.class).filter("id", t.id).get().block().name).isEqualTo("Renamed");
		Tournament fresh = new Tournament("Saved");
		this.ctx.save(fresh).block();
		assertThat(fresh.id).isNotNull();
		this.ctx.delete(t).block();
		assertThat(this.ctx.objects(Tournament.class).count().block()).isEqualTo(1);
	}

	@Test
	void everyFieldTypeRoundTrips() {
		AllTypes a = new AllTypes();
		a.intValue = -2_000_000_000;
		a.bigValue = 9_000_000_000_000L;
		a.smallValue = (short) -32000;
		a.charValue = "héllo wörld";
		a.textValue = "x".repeat(10_000);
		a.boolValue = true;
		a.decimalValue = new BigDecimal("12345678.1234");
		a.doubleValue = 3.141592653589793;
		a.floatValue = 2.5f;
		OffsetDateTime aware = OffsetDateTime.of(2024, 7, 14, 22, 30, 15, 123456000, ZoneOffset.ofHours(5));
		a.offsetValue = aware;
		a.instantValue = Instant.parse("2024-01-02T03:04:05.678901Z");
		a.localValue = LocalDateTime.of(2024, 3, 30, 2, 30, 0, 500_000);
		a.zonedValue = ZonedDateTime.of(2023, 12, 31, 23, 59, 59, 0, ZoneId.of("America/New_York"));
		a.dateValue = LocalDate.of(1999, 12, 31);
		a.timeValue = LocalTime.of(23, 59, 58, 999_000);
		a.uuidValue = UUID.randomUUID();
		a.jsonMap = Map.of("a", 1, "b", List.of("x", "y"), "c", Map.of("d", true));
		a.jsonList = List.of(3, 1, 2);
		a.binaryValue = new byte[] { 0, 1, 2, (byte) 255, 127, -128 };
		a.kind = Kind.TEAM_RELAY;
		a.level = Level.HIGH;
		this.ctx.create(a).block();
		AllTypes r = this.ctx.objects(AllTypes.class).filter("id", a.id).get().block();
		assertThat(r.intValue).isEqualTo(a.intValue);
		assertThat(r.bigValue).isEqualTo(a.bigValue);
		assertThat(r.smallValue).isEqualTo(a.smallValue);
		assertThat(r.charValue).isEqualTo(a.charValue);
		assertThat(r.textValue).isEqualTo(a.textValue);
		assertThat(r.boolValue).isTrue();
		assertThat(r.decimalValue).isEqualTo(new BigDecimal("12345678.1234"));
		assertThat(r.doubleValue).isEqualTo(a.doubleValue);
		assertThat(r.floatValue).isEqualTo(2.5f);
		assertThat(r.offsetValue.toInstant()).isEqualTo(aware.toInstant());
		assertThat(r.offsetValue.getOffset()).as("read back in the configured zone")
			.isEqualTo(PARIS.getRules().getOffset(aware.toInstant()));
		assertThat(r.instantValue).isEqualTo(a.instantValue);
		assertThat(r.localValue).as("local values round-trip unchanged").isEqualTo(a.localValue);
		assertThat(r.zonedValue.toInstant()).isEqualTo(a.zonedValue.toInstant());
		assertThat(r.zonedValue.getZone()).isEqualTo(PARIS);
		assertThat(r.dateValue).isEqualTo(a.dateValue);
		assertThat(r.timeValue).isEqualTo(a.timeValue);
		assertThat(r.uuidValue).isEqualTo(a.uuidValue);
		assertThat(r.jsonMap).isEqualTo(a.jsonMap);
		assertThat(r.jsonList).containsExactly(3, 1, 2);
		assertThat(r.binaryValue).containsExactly(a.binaryValue);
		assertThat(r.kind).isEqualTo(Kind.TEAM_RELAY);
		assertThat(r.level).isEqualTo(Level.HIGH);
		assertThat(this.ctx.objects(AllTypes.class).filter("level", Level.HIGH).count().block()).isEqualTo(1);
		assertThat(this.ctx.objects(AllTypes.class).filter("uuidValue", a.uuidValue).count().block()).isEqualTo(1);
	}

	@Test
	void charEnumsStoreTheirValueAsTortoiseDoesAndReadTheOtherSidesRows() {
		AllTypes mine = new AllTypes();
		mine.state = TicketState.IN_PROGRESS;
		this.ctx.create(mine).block();
		ConnectionFactory raw = this.ctx.connections().get("default");
		String table = this.ctx.connections().dialect("default").quote("all_types");
		String state = this.ctx.connections().dialect("default").quote("state");
		assertThat(Sql.column(raw, "SELECT " + state + " FROM " + table)).as("what a Python service reads")
			.containsExactly("in progress");
		// A row as Tortoise ORM writes it: the member's value.
		Sql.execute(raw, "UPDATE " + table + " SET " + state + " = 'closed'");
		assertThat(this.ctx.objects(AllTypes.class).get().block().state).isEqualTo(TicketState.CLOSED);
		assertThat(this.ctx.objects(AllTypes.class).filter("state", TicketState.CLOSED).count().block()).isEqualTo(1);
		assertThat(this.ctx.objects(AllTypes.class).filter("state", "closed").count().block()).as("by stored value")
			.isEqualTo(1);
		assertThat(this.ctx.objects(AllTypes.class).filter("state", "CLOSED").count().block()).as("by name")
			.isEqualTo(1);
		assertThat(this.ctx.schemaSql("default", true)).as("sized to the longest value, as Tortoise")
			.contains(state + " VARCHAR(11)");
	}

	@Test
	void rowsOtherWritersInsertWithoutTheDefaultedColumnsGetTheFieldsDefaults() {
		ConnectionFactory raw = this.ctx.connections().get("default");
		Dialect dialect = this.ctx.connections().dialect("default");
		// As a Python service's raw SQL, a migration or psql would: only the column without a default.
		Sql.execute(raw, "INSERT INTO " + dialect.quote("wallet") + " (" + dialect.quote("owner") + ") VALUES ('ann')");
		Wallet w = this.ctx.objects(Wallet.class).get().block();
		assertThat(w.owner).isEqualTo("ann");
		assertThat(w.currency).isEqualTo("EUR");
		assertThat(w.active).isTrue();
		assertThat(w.balance).isZero();
		assertThat(w.rate).isEqualTo(1.5);
		assertThat(w.fee).isEqualByComparingTo("0.50");
		assertThat(w.state).isEqualTo(TicketState.OPEN);
		assertThat(w.level).isEqualTo(Level.HIGH);
		assertThat(w.opened).isEqualTo(java.time.LocalDate.of(2024, 1, 31));
		assertThat(w.notes).as("Tortoise writes no default for text").isNull();
		assertThat(w.grace).isEqualTo(java.time.Duration.ofHours(1));
		assertThat(w.created).as("auto_now_add: the time of the insert").isNotNull();
		assertThat(w.modified).as("auto_now: the time of the insert").isNotNull();
		assertThat(w.openedAt).as("a time's auto_now_add: the time of day of the insert").isNotNull();
		assertThat(w.touchedAt).as("a time's auto_now: the time of day of the insert").isNotNull();
		// The ORM's own inserts fill the same defaults in Java.
		Wallet mine = new Wallet();
		mine.owner = "bob";
		this.ctx.create(mine).block();
		Wallet read = this.ctx.objects(Wallet.class).filter("owner", "bob").get().block();
		assertThat(read.currency).isEqualTo("EUR");
		assertThat(read.notes).isEqualTo("none");
		assertThat(read.openedAt).as("set by the ORM on creation, read back to the microsecond").isEqualTo(mine.openedAt);
		assertThat(read.touchedAt).isEqualTo(mine.touchedAt);
	}

	@Test
	void timeFieldsWithAutoNowFollowEverySaveAndAutoNowAddOnlyTheFirst() {
		Wallet w = new Wallet();
		w.owner = "cid";
		w.openedAt = java.time.LocalTime.of(1, 2, 3);
		this.ctx.create(w).block();
		assertThat(w.openedAt).as("auto_now_add keeps a value given").isEqualTo(java.time.LocalTime.of(1, 2, 3));
		java.time.LocalTime first = w.touchedAt;
		w.touchedAt = java.time.LocalTime.of(0, 0);
		this.ctx.save(w).block();
		assertThat(w.touchedAt).as("auto_now replaces the value on every save").isNotEqualTo(java.time.LocalTime.of(0, 0));
		Wallet read = this.ctx.objects(Wallet.class).filter("owner", "cid").get().block();
		assertThat(read.openedAt).isEqualTo(java.time.LocalTime.of(1, 2, 3));
		assertThat(read.touchedAt).isEqualTo(w.touchedAt);
		assertThat(first).isNotNull();
	}

	@Test
	void durationsAreStoredAsTortoisesMicroseconds() {
		Wallet w = new Wallet();
		w.owner = "ann";
		w.grace = java.time.Duration.ofDays(2).plusMillis(1500).plusNanos(7_999);
		this.ctx.create(w).block();
		ConnectionFactory raw = this.ctx.connections().get("default");
		Dialect dialect = this.ctx.connections().dialect("default");
		String stored = "SELECT " + dialect.quote("grace") + " FROM " + dialect.quote("wallet");
		assertThat(Sql.column(raw, stored)).as("what timedelta(days=2, seconds=1.5, microseconds=7) is stored as")
			.containsExactly("172801500007");
		assertThat(this.ctx.objects(Wallet.class).get().block().grace).as("finer than a microsecond is dropped")
			.isEqualTo(java.time.Duration.ofDays(2).plusMillis(1500).plusNanos(7_000));
		Sql.execute(raw, "UPDATE " + dialect.quote("wallet") + " SET " + dialect.quote("grace") + " = -1");
		assertThat(this.ctx.objects(Wallet.class).get().block().grace).isEqualTo(java.time.Duration.ofNanos(-1000));
		assertThat(this.ctx.objects(Wallet.class).filter("grace__lt", java.time.Duration.ZERO).count().block()).isEqualTo(1);
	}

	@Test
	void valuesValidatorsRefuseAreRefusedBeforeAnySqlOnCreateSaveAndUpdate() {
		Member m = new Member();
		m.handle = "x";
		m.age = 30;
		assertThatThrownBy(() -> this.ctx.create(m).block()).isInstanceOf(ValidationException.class)
			.hasMessage("Member.handle: Length of 'x' 1 < 2");
		assertThat(this.ctx.objects(Member.class).count().block()).isZero();
		m.handle = "ann";
		this.ctx.create(m).block();
		m.age = 200;
		assertThatThrownBy(() -> this.ctx.save(m).block()).hasMessage("Member.age: Value should be less or equal to 150");
		assertThatThrownBy(() -> this.ctx.objects(Member.class).update(Map.of("seats", 3)).block())
			.isInstanceOf(ValidationException.class).hasMessage("Member.seats: 3 is not even");
		assertThat(this.ctx.objects(Member.class).get().block().age).as("nothing written").isEqualTo(30);
	}

	@Test
	void localTimesReadFromColumnsWithOffsetsAreConvertedNotStrippedOfTheirOffset() {
		if (!this.ctx.connections().dialect("default").timeHasOffset(this.ctx.meta(AllTypes.class).field("timeValue"))) {
			return; // only PostgreSQL's TIMETZ keeps an offset
		}
		AllTypes a = new AllTypes();
		a.timeValue = LocalTime.of(12, 0);
		this.ctx.create(a).block();
		ConnectionFactory raw = this.ctx.connections().get("default");
		assertThat(Sql.column(raw, "SELECT time_value::text FROM all_types")).as("Paris has no fixed offset: UTC")
			.containsExactly("12:00:00+00");
		Sql.execute(raw, "UPDATE all_types SET time_value = '12:00+09:00'");
		assertThat(this.ctx.objects(AllTypes.class).get().block().timeValue).as("what a Python service wrote")
			.isEqualTo(LocalTime.of(3, 0));
	}

	@Test
	void valuesSomeDatabaseWouldRefuseAreRefusedOnEveryDatabaseBeforeAnySql() {
		long before = this.ctx.statementCount();
		Member nul = member("a\u0000b");
		assertThatThrownBy(() -> this.ctx.create(nul).block()).isInstanceOf(ValidationException.class)
			.hasMessageContaining("NUL character").hasMessageContaining("\\u0000");
		assertThatThrownBy(() -> this.ctx.create(member("ab\uD800")).block()).isInstanceOf(ValidationException.class)
			.hasMessageContaining("lone UTF-16 surrogate (\\uD800)");
		assertThatThrownBy(() -> this.ctx.objects(Member.class).filter("handle", "a\u0000").count().block())
			.isInstanceOf(ValidationException.class).hasMessageContaining("NUL character");
		assertThatThrownBy(() -> this.ctx.objects(Member.class).filter("handle__contains", "\u0000").count().block())
			.isInstanceOf(ValidationException.class).hasMessageContaining("NUL character");
		AllTypes far = new AllTypes();
		far.offsetValue = OffsetDateTime.parse("+10000-01-01T00:00:00Z");
		assertThatThrownBy(() -> this.ctx.create(far).block()).isInstanceOf(ValidationException.class)
			.hasMessageContaining("to 9999");
		assertThatThrownBy(() -> this.ctx.objects(AllTypes.class)
			.filter("offsetValue__gte", "+999999999-12-31T23:59:59Z").count().block())
			.isInstanceOf(ValidationException.class).hasMessageContaining("to 9999");
		assertThatThrownBy(() -> this.ctx.objects(AllTypes.class).update(Map.of("smallValue", 40_000)).block())
			.isInstanceOf(ValidationException.class);
		AllTypes digits = new AllTypes();
		digits.decimalValue = new BigDecimal("1234567890123.5");
		assertThatThrownBy(() -> this.ctx.create(digits).block()).isInstanceOf(ValidationException.class)
			.hasMessageContaining("digits before the point");
		assertThat(this.ctx.statementCount()).as("no statement was sent").isEqualTo(before);
	}

	@Test
	void charFieldsCountCodePointsAsPythonsLen() {
		if (this.ctx.connections().dialect("default").textLength("\uD83D\uDC22") == 2) {
			return; // H2 counts UTF-16 units, and is no database Tortoise ORM shares
		}
		Tournament t = new Tournament("\uD83D\uDC22".repeat(90) + "abc");
		assertThat(this.ctx.create(t).block().id).as("93 characters in 186 UTF-16 units fit maxLength 100").isNotNull();
		assertThat(this.ctx.objects(Tournament.class).get().block().name).isEqualTo(t.name);
		Tournament tooLong = new Tournament("\uD83D\uDC22".repeat(101));
		assertThatThrownBy(() -> this.ctx.create(tooLong).block()).isInstanceOf(ValidationException.class)
			.hasMessageContaining("101 characters long")
			.satisfies((ex) -> dev.tortoise.types.StoredText.check(ex.getMessage())); // never half a character
	}

	private static Member member(String handle) {
		Member m = new Member();
		m.handle = handle;
		m.age = 1;
		return m;
	}

	@Test
	void aModelsOrderingAppliesToQueriesThatGiveNone() {
		for (String[] m : new String[][] { { "bo", "30" }, { "al", "40" }, { "cy", "30" } }) {
			Member member = new Member();
			member.handle = m[0];
			member.age = Integer.parseInt(m[1]);
			this.ctx.create(member).block();
		}
		assertThat(this.ctx.objects(Member.class).all().map((m) -> m.handle).collectList().block())
			.as("-age, then handle").containsExactly("al", "bo", "cy");
		assertThat(this.ctx.objects(Member.class).values("handle").map((r) -> r.get("handle")).collectList().block())
			.containsExactly("al", "bo", "cy");
		assertThat(this.ctx.objects(Member.class).first().block().handle).isEqualTo("al");
		assertThat(this.ctx.objects(Member.class).orderBy("handle").all().map((m) -> m.handle).collectList().block())
			.as("an explicit order replaces it").containsExactly("al", "bo", "cy");
		assertThat(this.ctx.objects(Member.class).orderBy("-handle").all().map((m) -> m.handle).collectList().block())
			.containsExactly("cy", "bo", "al");
		assertThat(this.ctx.objects(Member.class).filter("age", 30).count().block()).isEqualTo(2);
	}

	@Test
	void uuidKeysLeftEmptyGetARandomUuidAndFactoriesComputeEachNewInstancesDefault() {
		Tenant a = new Tenant();
		a.name = "a";
		Tenant b = new Tenant();
		b.name = "b";
		this.ctx.create(a).block();
		this.ctx.bulkCreate(List.of(b)).block();
		assertThat(a.id).as("Tortoise's default=uuid4 for a UUID key").isNotNull().isNotEqualTo(b.id);
		assertThat(b.id).isNotNull();
		assertThat(a.token).startsWith("t-").isNotEqualTo(b.token);
		Tenant read = this.ctx.objects(Tenant.class).filter("id", a.id).get().block();
		assertThat(read.name).isEqualTo("a");
		assertThat(read.token).isEqualTo(a.token);
		Tenant given = new Tenant();
		given.id = UUID.fromString("00000000-0000-4000-8000-000000000001");
		given.token = "mine";
		given.name = "c";
		this.ctx.create(given).block();
		assertThat(this.ctx.objects(Tenant.class).filter("id", given.id).get().block().token).as("a value given wins")
			.isEqualTo("mine");
	}

	@Test
	void enumFieldsWithoutDescriptionCarryTortoisesMemberListAsTheirComment() {
		String comment = columnComment("all_types", "level");
		if (comment == null) {
			return; // H2 and SQLite keep no column comments in a catalog Tortoise reads
		}
		String expected = "LOW: 10\nHIGH: 20";
		// PostgreSQL keeps Tortoise's escapes as written (standard strings); MySQL unescapes them.
		assertThat(comment).isEqualTo(url().startsWith("postgres") ? expected.replace("\n", "\\n") : expected);
	}

	/** A column's comment from the server's catalog, or null where there is none to read. */
	private @org.jspecify.annotations.Nullable String columnComment(String table, String column) {
		ConnectionFactory raw = this.ctx.connections().get("default");
		if (url().startsWith("postgres")) {
			return Sql.column(raw, "SELECT col_description('" + table + "'::regclass, a.attnum) FROM pg_attribute a"
					+ " WHERE a.attrelid = '" + table + "'::regclass AND a.attname = '" + column + "'").get(0);
		}
		if (url().startsWith("mysql")) {
			return Sql.column(raw, "SELECT COLUMN_COMMENT FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()"
					+ " AND TABLE_NAME = '" + table + "' AND COLUMN_NAME = '" + column + "'").get(0);
		}
		return null;
	}

	@Test
	void withoutUseTzLocalAndAwareValuesRoundTrip() {
		TortoiseContext plain = Tortoise.init(TortoiseConfig.builder().connection("default", url())
			.app("models", List.of("dev.tortoise.testmodels.query")).useTz(false).timezone("Asia/Tokyo").build()).block();
		try {
			plain.generateSchemas().block(); // a new in-memory database on H2; a no-op on servers
			AllTypes a = new AllTypes();
			a.localValue = LocalDateTime.of(2021, 6, 1, 8, 15, 30);
			a.offsetValue = OffsetDateTime.of(2021, 6, 1, 8, 15, 30, 0, ZoneOffset.ofHours(9));
			plain.create(a).block();
			AllTypes r = plain.objects(AllTypes.class).filter("id", a.id).get().block();
			assertThat(r.localValue).isEqualTo(a.localValue);
			assertThat(r.offsetValue).isEqualTo(a.offsetValue);
		}
		finally {
			plain.close();
		}
	}

	@Test
	void jsonFieldsWithTheirOwnCodecWriteAndReadItsText() {
		ConnectionFactory raw = this.ctx.connections().get("default");
		Dialect dialect = this.ctx.connections().dialect("default");
		AllTypes a = new AllTypes();
		a.point = new dev.tortoise.testmodels.query.Point(3, -4);
		a.jsonText = "{\"raw\": [1, 2]}";
		this.ctx.create(a).block();
		String stored = Sql.column(raw, "SELECT " + dialect.quote("point") + " FROM " + dialect.quote("all_types")).get(0);
		// PostgreSQL's driver wraps JSONB text in its Json type; what matters is the text inside.
		assertThat(stored.replace(" ", "")).as("the codec's text, not Jackson's object").contains("[3,-4]")
			.doesNotContain("\"x\"");
		// Another writer's text in the codec's form reads back through the codec.
		Sql.execute(raw, "UPDATE " + dialect.quote("all_types") + " SET " + dialect.quote("point") + " = '[7, 8]'");
		AllTypes r = this.ctx.objects(AllTypes.class).filter("id", a.id).get().block();
		assertThat(r.point).isEqualTo(new dev.tortoise.testmodels.query.Point(7, 8));
		assertThat(r.jsonText.replace(" ", "")).isEqualTo("{\"raw\":[1,2]}");
	}

	@Test
	void jsonTextThatIsNotJsonIsRefusedBeforeAnySql() {
		AllTypes a = new AllTypes();
		a.jsonText = "not json";
		assertThatThrownBy(() -> this.ctx.create(a).block()).isInstanceOf(ValidationException.class)
			.hasMessageContaining("jsonText").hasMessageContaining("not valid JSON");
		assertThat(this.ctx.objects(AllTypes.class).count().block()).as("nothing written").isZero();
	}

	@Test
	void nullsRoundTrip() {
		AllTypes a = this.ctx.create(new AllTypes()).block();
		AllTypes r = this.ctx.objects(AllTypes.class).filter("id", a.id).get().block();
		assertThat(r.intValue).isNull();
		assertThat(r.offsetValue).isNull();
		assertThat(r.jsonMap).isNull();
		assertThat(r.binaryValue).isNull();
		assertThat(r.kind).isNull();
		assertThat(this.ctx.objects(AllTypes.class).filter("textValue__isnull", true).count().block()).isEqualTo(1);
	}

	@Test
	void decimalsKeepTheirScale() {
		Tournament t = tournament("Cup");
		Event e = event("E", t, new BigDecimal("7.5"));
		assertThat(this.ctx.objects(Event.class).filter("id", e.id).get().block().prize).isEqualTo(new BigDecimal("7.50"));
		Event tooBig = new Event("X", t);
		tooBig.prize = new BigDecimal("123456789.00");
		assertThatThrownBy(() -> this.ctx.create(tooBig).block()).isInstanceOf(ValidationException.class)
			.hasMessageContaining("Event.prize");
	}

	// --- filters ----------------------------------------------------------------------

	/** SQLite's own LIKE and lower() fold ASCII only; every database here folds all of Unicode. */
	@Test
	void caseInsensitiveLookupsFoldNonAsciiLetters() {
		Tournament t = tournament("Cup");
		event("École d'été", t, null);
		event("ÜBER", t, null);
		event("plain", t, null);
		var q = this.ctx.objects(Event.class);
		assertThat(names(q.filter("name__icontains", "ÉCOLE").all())).containsExactly("École d'été");
		assertThat(names(q.filter("name__icontains", "d'ÉTÉ").all())).containsExactly("École d'été");
		assertThat(names(q.filter("name__istartswith", "über").all())).containsExactly("ÜBER");
		assertThat(names(q.filter("name__iexact", "über").all())).containsExactly("ÜBER");
		assertThat(names(q.filter("name__contains", "école").all())).isEmpty();
	}

	@Test
	void everyLookupFilters() {
		Tournament t = tournament("Cup");
		event("Alpha", t, new BigDecimal("10"));
		event("beta", t, new BigDecimal("20"));
		event("Gamma ray", t, new BigDecimal("30"));
		event("alphabet", t, null);
		// MySQL sorts text case-insensitively, so order is not compared here.
		var q = this.ctx.objects(Event.class);
		assertThat(names(q.filter("name", "Alpha").all())).containsExactlyInAnyOrder("Alpha");
		assertThat(names(q.filter("name__not", "Alpha").all())).containsExactlyInAnyOrder("Gamma ray", "alphabet", "beta");
		assertThat(names(q.filter("name__in", List.of("beta", "nope")).all())).containsExactlyInAnyOrder("beta");
		assertThat(names(q.filter("name__not_in", List.of("beta", "Alpha")).all())).containsExactlyInAnyOrder("Gamma ray", "alphabet");
		assertThat(names(q.filter("prize__gt", 10).all())).containsExactlyInAnyOrder("Gamma ray", "beta");
		assertThat(names(q.filter("prize__gte", 20).all())).containsExactlyInAnyOrder("Gamma ray", "beta");
		assertThat(names(q.filter("prize__lt", new BigDecimal("20")).all())).containsExactlyInAnyOrder("Alpha");
		assertThat(names(q.filter("prize__lte", 20).all())).containsExactlyInAnyOrder("Alpha", "beta");
		assertThat(names(q.filter("prize__range", List.of(15, 30)).all())).containsExactlyInAnyOrder("Gamma ray", "beta");
		assertThat(names(q.filter("prize__isnull", true).all())).containsExactlyInAnyOrder("alphabet");
		assertThat(names(q.filter("prize__not_isnull", true).all())).containsExactlyInAnyOrder("Alpha", "Gamma ray", "beta");
		assertThat(names(q.filter("name__contains", "lpha").all())).containsExactlyInAnyOrder("Alpha", "alphabet");
		assertThat(names(q.filter("name__contains", "ALPHA").all())).isEmpty();
		assertThat(names(q.filter("name__icontains", "ALPHA").all())).containsExactlyInAnyOrder("Alpha", "alphabet");
		assertThat(names(q.filter("name__startswith", "al").all())).containsExactlyInAnyOrder("alphabet");
		assertThat(names(q.filter("name__istartswith", "AL").all())).containsExactlyInAnyOrder("Alpha", "alphabet");
		assertThat(names(q.filter("name__endswith", "ray").all())).containsExactlyInAnyOrder("Gamma ray");
		assertThat(names(q.filter("name__iendswith", "RAY").all())).containsExactlyInAnyOrder("Gamma ray");
		assertThat(names(q.filter("name__iexact", "BETA").all())).containsExactlyInAnyOrder("beta");
		assertThat(names(q.filter("name__in", List.of()).all())).isEmpty();
	}

	@Test
	void qCombinesWithAndOrNot() {
		Tournament t = tournament("Cup");
		event("A", t, new BigDecimal("5"));
		event("B", t, new BigDecimal("50"));
		event("C", t, null);
		var q = this.ctx.objects(Event.class).orderBy("name");
		assertThat(names(q.filter(Q.of("prize__gt", 10).or(Q.of("prize__isnull", true))).all())).containsExactly("B", "C");
		assertThat(names(q.filter(Q.of("prize__gt", 1).and(Q.of("name", "A"))).all())).containsExactly("A");
		assertThat(names(q.filter(Q.of("name", "A").not()).all())).containsExactly("B", "C");
		assertThat(names(q.exclude("name", "B").all())).containsExactly("A", "C");
		assertThat(names(q.filter(Map.of("name", "C", "prize__isnull", true)).all())).containsExactly("C");
	}

	@Test
	void wildcardsAndQuotesAreMatchedLiterally() {
		Tournament t = tournament("Cup");
		String evil = "'); DROP TABLE event; --";
		event(evil, t, null);
		event("100% sure_thing\\", t, null);
		event("100 percent", t, null);
		assertThat(names(this.ctx.objects(Event.class).filter("name", evil).all())).containsExactly(evil);
		assertThat(names(this.ctx.objects(Event.class).filter("name__contains", "'); DROP").all())).containsExactly(evil);
		assertThat(names(this.ctx.objects(Event.class).filter("name__contains", "0% s").all()))
			.containsExactly("100% sure_thing\\");
		assertThat(names(this.ctx.objects(Event.class).filter("name__endswith", "_thing\\").all()))
			.containsExactly("100% sure_thing\\");
		assertThat(this.ctx.objects(Event.class).count().block()).isEqualTo(3);
	}

	private List<String> tournamentNames(QuerySet<Tournament> q) {
		return q.orderBy("name").all().map((t) -> t.name).collectList().block();
	}

	/**
	 * Tortoise's semantics of keys through relations that hold many rows, which it joins: a
	 * row matches when some combination of its related rows, a missing one counting as NULLs,
	 * makes the whole condition true, and one query's conditions on a relation speak of the
	 * same related row.
	 */
	@Test
	void keysThroughToManyRelationsKeepTortoisesJoinSemantics() {
		Tournament cup = tournament("Cup");
		Tournament league = tournament("League");
		tournament("Empty");
		Event a = event("A", cup, BigDecimal.TEN);
		Event b = event("B", cup, BigDecimal.valueOf(20));
		event("C", league, null);
		Team red = this.ctx.create(new Team("Red")).block();
		Team blue = this.ctx.create(new Team("Blue")).block();
		this.ctx.create(new Team("Green")).block();
		this.ctx.m2m(a, "participants").add(red, blue).block();
		this.ctx.m2m(b, "participants").add(red).block();
		QuerySet<Tournament> t = this.ctx.objects(Tournament.class);
		assertThat(tournamentNames(t.filter(Map.of("events__name", "A", "events__prize", 20))))
			.as("both conditions on the same event").isEmpty();
		assertThat(tournamentNames(t.filter("events__name", "A").filter("events__prize", 20)))
			.as("separate filter calls share the relation, as Tortoise's joins do").isEmpty();
		assertThat(tournamentNames(t.filter(Map.of("events__name", "A", "events__prize", 10)))).containsExactly("Cup");
		assertThat(tournamentNames(t.exclude("events__name", "A"))).as("some event is not A; none is NULL")
			.containsExactly("Cup", "League");
		assertThat(tournamentNames(t.exclude(Q.of("events__name", "A").and(Q.of("events__prize", 10)))))
			.containsExactly("Cup", "League");
		assertThat(tournamentNames(t.filter("events__isnull", true))).containsExactly("Empty");
		assertThat(tournamentNames(t.filter("events__isnull", false))).containsExactly("Cup", "League");
		assertThat(tournamentNames(t.filter(Q.of("events__name", "C").or(Q.of("name", "Empty")))))
			.containsExactly("Empty", "League");
		assertThat(tournamentNames(t.filter("events__participants__name", "Blue"))).containsExactly("Cup");
		assertThat(tournamentNames(t.filter("events__participants__name__not", "Red")))
			.as("missing rows at either relation are NULLs, which 'not' matches").containsExactly("Cup", "Empty", "League");
		assertThat(tournamentNames(t.filter("events__participants__isnull", true))).containsExactly("Empty", "League");
		assertThat(t.filter("events__participants__name__in", List.of("Red", "Blue")).count().block())
			.as("each tournament once").isEqualTo(1);
		assertThat(this.ctx.objects(Team.class).filter("events__participants__events__participants__name", "Blue")
			.orderBy("name").all().map((x) -> x.name).collectList().block()).containsExactly("Blue", "Red");
		assertThat(t.filter("events__name", "C").update(Map.of("notes", "has C")).block()).isEqualTo(1);
		assertThat(t.filter("notes", "has C").first().block().name).isEqualTo("League");
		assertThat(t.filter("events__participants__name", "Nobody").delete().block()).isZero();
	}

	@Test
	void aKeyFollowingMoreRelationsThanTheLimitIsRefusedNamingIt() {
		String deep = String.join("__", java.util.Collections.nCopies(6, "participants__events")) + "__name";
		assertThatThrownBy(() -> this.ctx.objects(Event.class).filter(deep, "x").count().block())
			.isInstanceOf(FieldException.class)
			.hasMessageContaining("more than 10 relations")
			.hasMessageContaining("maxRelationDepth");
		String ten = String.join("__", java.util.Collections.nCopies(5, "participants__events")) + "__name";
		assertThat(this.ctx.objects(Event.class).filter(ten, "x").count().block()).isZero();
	}

	@Test
	void relationsAreTraversedWithDoubleUnderscores() {
		Tournament cup = tournament("Cup");
		Tournament league = tournament("League");
		Event a = event("A", cup, null);
		Event b = event("B", cup, null);
		event("C", league, null);
		Team red = this.ctx.create(new Team("Red")).block();
		Team blue = this.ctx.create(new Team("Blue")).block();
		this.ctx.m2m(a, "participants").add(red, blue).block();
		this.ctx.m2m(b, "participants").add(red).block();
		assertThat(names(this.ctx.objects(Event.class).filter("tournament__name", "Cup").orderBy("name").all()))
			.containsExactly("A", "B");
		assertThat(names(this.ctx.objects(Event.class).filter("tournament", cup).orderBy("name").all()))
			.containsExactly("A", "B");
		assertThat(names(this.ctx.objects(Event.class).filter("tournament_id", league.id).all())).containsExactly("C");
		// A backward relation matching two events yields the tournament once.
		assertThat(this.ctx.objects(Tournament.class).filter("events__name__in", List.of("A", "B")).all()
			.map((t) -> t.name).collectList().block()).containsExactly("Cup");
		assertThat(this.ctx.objects(Tournament.class).filter("events__name__in", List.of("A", "B")).count().block())
			.isEqualTo(1);
		assertThat(this.ctx.objects(Team.class).filter("events__tournament__name", "Cup").orderBy("name").all()
			.map((t) -> t.name).collectList().block()).containsExactly("Blue", "Red");
		assertThat(names(this.ctx.objects(Event.class).filter("participants__name", "Blue").all())).containsExactly("A");
		assertThat(names(this.ctx.objects(Event.class).orderBy("-tournament__name", "name").all()))
			.containsExactly("C", "A", "B");
	}

	@Test
	void unknownFieldsFailBeforeAnySqlIsSent() {
		long before = this.ctx.statementCount();
		assertThatThrownBy(() -> this.ctx.objects(Event.class).filter("nmae", "x").all().blockLast())
			.isInstanceOf(FieldException.class)
			.hasMessageContaining("Unknown field \"nmae\" for model Event")
			.hasMessageContaining("Valid fields: id, name");
		assertThatThrownBy(() -> this.ctx.objects(Event.class).orderBy("-nope").all().blockLast())
			.isInstanceOf(FieldException.class);
		assertThatThrownBy(() -> this.ctx.objects(Event.class).values("nope").blockLast())
			.isInstanceOf(FieldException.class);
		assertThatThrownBy(() -> this.ctx.objects(Event.class).update(Map.of("nope", 1)).block())
			.isInstanceOf(FieldException.class)
			.hasMessageContaining("Valid fields");
		assertThatThrownBy(() -> this.ctx.objects(Event.class).filter("name__bogus", "x").all().blockLast())
			.isInstanceOf(FieldException.class)
			.hasMessageContaining("Lookups:");
		assertThatThrownBy(() -> this.ctx.objects(Event.class).filter("prize", "lots").all().blockLast())
			.isInstanceOf(ValidationException.class)
			.hasMessageContaining("Event.prize");
		assertThat(this.ctx.statementCount()).isEqualTo(before);
	}

	// --- terminal operations ---------------------------------------------------------

	@Test
	void getFirstCountExistsValuesAndPaging() {
		Tournament t = tournament("Cup");
		for (int i = 0; i < 5; i++) {
			event("E" + i, t, BigDecimal.valueOf(i));
		}
		var q = this.ctx.objects(Event.class);
		assertThat(q.count().block()).isEqualTo(5);
		assertThat(q.filter("name", "E3").exists().block()).isTrue();
		assertThat(q.filter("name", "zz").exists().block()).isFalse();
		assertThat(q.orderBy("-name").first().block().name).isEqualTo("E4");
		assertThat(names(q.orderBy("name").limit(2).offset(1).all())).containsExactly("E1", "E2");
		assertThat(names(q.orderBy("name").offset(3).all())).containsExactly("E3", "E4");
		assertThat(q.limit(2).count().block()).isEqualTo(2);
		assertThatThrownBy(() -> q.filter("name", "zz").get().block()).isInstanceOf(DoesNotExistException.class)
			.hasMessageContaining("Event");
		assertThatThrownBy(() -> q.get().block()).isInstanceOf(MultipleObjectsReturnedException.class)
			.hasMessageContaining("Event");
		assertThat(q.filter("name", "zz").getOrNone().block()).isNull();
		List<Map<String, Object>> values = q.filter("name", "E2").values("name", "tournament__name", "prize").collectList()
			.block();
		assertThat(values).containsExactly(Map.of("name", "E2", "tournament__name", "Cup", "prize", new BigDecimal("2.00")));
		assertThat(q.filter("name", "E2").values().blockFirst()).containsKeys("id", "name", "tournament_id", "prize");
	}

	@Test
	void readsOfTheSameShapeShareOneStatementButNotTheirValues() {
		Tournament t = tournament("Cup");
		event("A", t, new BigDecimal("1"));
		event("B", t, new BigDecimal("2"));
		event("C", t, null);
		var q = this.ctx.objects(Event.class);
		Engine engine = q.engine;
		assertThat(q.filter("name", "A").get().block().name).isEqualTo("A");
		int cached = engine.statements().size();
		assertThat(q.filter("name", "B").get().block().name).isEqualTo("B");
		assertThat(q.filter("name", "C").get().block().name).isEqualTo("C");
		assertThat(engine.statements().size()).isEqualTo(cached);
		// A null compiles to IS NULL: another statement, not the cached one with a NULL bound.
		assertThat(names(q.filter("prize", new BigDecimal("2")).all())).containsExactly("B");
		assertThat(names(q.filter("prize", null).all())).containsExactly("C");
		assertThat(q.filter("prize__in", List.of(1, 2)).count().block()).isEqualTo(2);
		assertThat(q.filter("prize__in", List.of(2, 3)).count().block()).isEqualTo(1);
		assertThat(q.filter("prize__in", List.of(2, 3, 1)).count().block()).isEqualTo(2);
		assertThat(q.filter("name__startswith", "A").exists().block()).isTrue();
		assertThat(q.filter("name__startswith", "Z").exists().block()).isFalse();
		assertThat(q.filter("tournament__name", "Cup").selectRelated("tournament").orderBy("name").all()
			.map((e) -> e.tournament.name + e.name).collectList().block()).containsExactly("CupA", "CupB", "CupC");
		assertThat(names(q.filter("tournament__name", "Other").selectRelated("tournament").orderBy("name").all())).isEmpty();
		// Six shapes, some of which earlier tests of this context may have written already.
		int written = engine.statements().size();
		assertThat(written).isBetween(cached, cached + 6);
		assertThat(names(q.filter("prize", new BigDecimal("1")).all())).containsExactly("A");
		assertThat(q.filter("prize__in", List.of(7, 1, 2)).count().block()).isEqualTo(2);
		assertThat(q.filter("name__startswith", "C").exists().block()).isTrue();
		assertThat(names(q.filter("tournament__name", "Cup").selectRelated("tournament").orderBy("name").limit(1).all()))
			.containsExactly("A");
		assertThat(engine.statements().size()).as("no new shape but the limited one").isEqualTo(written + 1);
	}

	@Test
	void listsOfEveryKeyTypeFindTheirRowsAndLongOnesShareAStatementWhereBoundAsArrays() {
		List<AllTypes> rows = new java.util.ArrayList<>();
		for (int i = 0; i < 3; i++) {
			AllTypes a = new AllTypes();
			a.intValue = i;
			a.bigValue = 10_000_000_000L + i;
			a.smallValue = (short) i;
			a.charValue = "c" + i;
			a.textValue = "t" + i;
			a.uuidValue = UUID.randomUUID();
			a.kind = Kind.values()[i % Kind.values().length];
			a.level = Level.values()[i % Level.values().length];
			rows.add(this.ctx.create(a).block());
		}
		AllTypes last = rows.get(2);
		var q = this.ctx.objects(AllTypes.class);
		assertThat(q.filter("intValue__in", List.of(0, 2, 99)).count().block()).isEqualTo(2);
		assertThat(q.filter("bigValue__in", List.of(last.bigValue)).get().block().id).isEqualTo(last.id);
		assertThat(q.filter("smallValue__not_in", List.of(0, 1)).get().block().id).isEqualTo(last.id);
		assertThat(q.filter("charValue__in", List.of("c2", "zz")).get().block().id).isEqualTo(last.id);
		assertThat(q.filter("textValue__in", new String[] { "t2" }).get().block().id).isEqualTo(last.id);
		assertThat(q.filter("uuidValue__in", List.of(last.uuidValue, UUID.randomUUID())).get().block().id)
			.isEqualTo(last.id);
		assertThat(q.filter("kind__in", List.of(last.kind)).count().block())
			.isEqualTo(rows.stream().filter((r) -> r.kind == last.kind).count());
		assertThat(q.filter("level__not_in", List.of(last.level)).count().block())
			.isEqualTo(rows.stream().filter((r) -> r.level != last.level).count());
		// A NULL in the list matches nothing, and keeps NOT IN from matching anything but NULLs.
		assertThat(q.filter("intValue__in", java.util.Arrays.asList(1, null)).count().block()).isEqualTo(1);
		assertThat(q.filter("intValue__not_in", java.util.Arrays.asList(1, null)).count().block()).isZero();

		List<Integer> ids = rows.stream().map((r) -> r.id).toList();
		List<Integer> twenty = java.util.stream.Stream.concat(ids.stream(),
				java.util.stream.IntStream.range(-20, -3).boxed()).toList();
		List<Integer> thirty = java.util.stream.Stream.concat(ids.subList(1, 3).stream(),
				java.util.stream.IntStream.range(-30, -2).boxed()).toList();
		Engine engine = q.engine;
		int before = engine.statements().size();
		assertThat(q.filter("id__in", twenty).count().block()).isEqualTo(3);
		assertThat(q.filter("id__in", thirty).count().block()).isEqualTo(2);
		assertThat(q.filter("id__not_in", thirty).get().block().id).isEqualTo(rows.get(0).id);
		boolean arrays = engine.connections().dialect("default").bindsArray(dev.tortoise.fields.FieldType.INT);
		assertThat(engine.statements().size() - before).as("count of any long list, then not_in")
			.isEqualTo(arrays ? 2 : 0);
	}

	@Test
	void updateAndDeleteByFilter() {
		Tournament cup = tournament("Cup");
		Tournament league = tournament("League");
		event("A", cup, null);
		event("B", cup, null);
		event("C", league, null);
		assertThat(this.ctx.objects(Event.class).filter("tournament__name", "Cup").update(Map.of("prize", 99)).block())
			.isEqualTo(2);
		assertThat(this.ctx.objects(Event.class).filter("prize", 99).count().block()).isEqualTo(2);
		assertThat(this.ctx.objects(Event.class).filter("name", "C").update(Map.of("tournament", cup)).block()).isEqualTo(1);
		assertThat(this.ctx.objects(Event.class).filter("name", "A").delete().block()).isEqualTo(1);
		assertThat(this.ctx.objects(Event.class).filter("tournament__name", "Cup").orderBy("name").limit(1).delete().block())
			.isEqualTo(1);
		assertThat(names(this.ctx.objects(Event.class).all())).containsExactly("C");
	}

	// --- relations -------------------------------------------------------------------

	@Test
	void selectRelatedLoadsForeignKeysWithAJoin() {
		Tournament t = tournament("Cup");
		event("A", t, null);
		long before = this.ctx.statementCount();
		Event e = this.ctx.objects(Event.class).selectRelated("tournament").first().block();
		assertThat(this.ctx.statementCount() - before).isEqualTo(1);
		assertThat(e.tournament.name).isEqualTo("Cup");
		assertThat(e.tournament.created).isNotNull();
	}

	@Test
	void prefetchUsesOneQueryPerRelation() {
		Tournament cup = tournament("Cup");
		Tournament league = tournament("League");
		List<Team> teams = this.ctx.bulkCreate(IntStream.range(0, 10).mapToObj((i) -> new Team("T" + i)).toList()).block();
		List<Event> events = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			events.add(new Event("E" + i, (i % 2 == 0) ? cup : league));
		}
		this.ctx.bulkCreate(events).block();
		for (int i = 0; i < 100; i++) {
			this.ctx.m2m(events.get(i), "participants").add(teams.get(i % 10), teams.get((i + 1) % 10)).block();
		}
		long before = this.ctx.statementCount();
		List<Event> loaded = this.ctx.objects(Event.class).prefetchRelated("tournament", "participants").all()
			.collectList().block();
		assertThat(this.ctx.statementCount() - before).as("events, tournaments, participants").isEqualTo(3);
		assertThat(loaded).hasSize(100);
		assertThat(loaded).allSatisfy((e) -> {
			assertThat(e.tournament.name).isIn("Cup", "League");
			assertThat(e.participants.size()).isEqualTo(2);
		});
		before = this.ctx.statementCount();
		List<Tournament> tournaments = this.ctx.objects(Tournament.class).prefetchRelated("events__participants")
			.orderBy("name").all().collectList().block();
		assertThat(this.ctx.statementCount() - before).isEqualTo(3);
		assertThat(tournaments.get(0).events.size()).isEqualTo(50);
		assertThat(tournaments.get(0).events.list().get(0).participants.isFetched()).isTrue();
		// Another number of events binds another number of keys: where keys bind as one array,
		// the many-to-many statement written for the first number serves it.
		Engine engine = this.ctx.objects(Event.class).engine;
		long throughTexts = engine.statements().keys().stream()
			.filter((k) -> k.getClass().getSimpleName().equals("ThroughSelect")).count();
		boolean arrays = engine.connections().dialect("default").bindsArray(dev.tortoise.fields.FieldType.BIGINT);
		assertThat(throughTexts).isPositive();
		List<Event> fewer = this.ctx.objects(Event.class).filter("id__lt", events.get(30).id)
			.prefetchRelated("tournament", "participants").all().collectList().block();
		assertThat(fewer).hasSize(30).allSatisfy((e) -> assertThat(e.participants.size()).isEqualTo(2));
		long throughTextsAfter = engine.statements().keys().stream()
			.filter((k) -> k.getClass().getSimpleName().equals("ThroughSelect")).count();
		assertThat(throughTextsAfter).isEqualTo(throughTexts + (arrays ? 0 : 1));
	}

	@Test
	void prefetchedManyToManyGivesOneInstancePerRelatedRow() {
		Tournament cup = tournament("Cup");
		List<Team> teams = this.ctx.bulkCreate(IntStream.range(0, 3).mapToObj((i) -> new Team("T" + i)).toList()).block();
		List<Event> events = this.ctx.bulkCreate(IntStream.range(0, 6).mapToObj((i) -> new Event("E" + i, cup)).toList())
			.block();
		for (int i = 0; i < events.size(); i++) {
			this.ctx.m2m(events.get(i), "participants").add(teams.get(i % 3), teams.get((i + 1) % 3)).block();
		}
		List<Event> loaded = this.ctx.objects(Event.class).prefetchRelated("participants").orderBy("id").all()
			.collectList().block();
		Map<Integer, Team> byId = new HashMap<>();
		for (int i = 0; i < loaded.size(); i++) {
			List<Team> participants = loaded.get(i).participants.list();
			assertThat(participants).extracting((t) -> t.name)
				.containsExactlyInAnyOrder("T" + (i % 3), "T" + ((i + 1) % 3));
			for (Team team : participants) {
				Team first = byId.putIfAbsent(team.id, team);
				assertThat(team).isSameAs((first != null) ? first : team);
			}
		}
		assertThat(byId).hasSize(3);
	}

	@Test
	void unfetchedContainersRefuseToBeRead() {
		tournament("Cup");
		Tournament t = this.ctx.objects(Tournament.class).first().block();
		assertThat(t.events.isFetched()).isFalse();
		assertThatThrownBy(() -> t.events.size()).isInstanceOf(NoValuesFetchedException.class)
			.hasMessageContaining("prefetchRelated(\"events\")");
		this.ctx.fetchRelated(t, "events").block();
		assertThat(t.events.size()).isZero();
	}

	@Test
	void backwardOneToOneAndRelatedQueries() {
		Team red = this.ctx.create(new Team("Red")).block();
		this.ctx.create(new Address("Lyon", red)).block();
		Team loaded = this.ctx.objects(Team.class).prefetchRelated("address").first().block();
		assertThat(loaded.address.city).isEqualTo("Lyon");
		Team joined = this.ctx.objects(Team.class).selectRelated("address").first().block();
		assertThat(joined.address.city).isEqualTo("Lyon");
		Tournament cup = tournament("Cup");
		event("A", cup, null);
		event("B", cup, null);
		assertThat(this.ctx.<Event>related(cup, "events").orderBy("name").all().map((e) -> e.name).collectList().block())
			.containsExactly("A", "B");
		Event a = this.ctx.objects(Event.class).filter("name", "A").get().block();
		assertThat(this.ctx.<Tournament>related(a, "tournament").get().block().name).isEqualTo("Cup");
		assertThatThrownBy(() -> this.ctx.create(new Address("Paris", red)).block()).isInstanceOf(IntegrityException.class);
	}

	@Test
	void manyToManyAddIsIdempotentAndRemoveAndClearWork() {
		Tournament t = tournament("Cup");
		Event e = event("A", t, null);
		Team red = this.ctx.create(new Team("Red")).block();
		Team blue = this.ctx.create(new Team("Blue")).block();
		this.ctx.m2m(e, "participants").add(red, blue).block();
		this.ctx.m2m(e, "participants").add(red).block();
		assertThat(this.ctx.<Team>m2m(e, "participants").all().count().block()).isEqualTo(2);
		assertThat(this.ctx.<Event>m2m(red, "events").all().map((x) -> x.name).collectList().block()).containsExactly("A");
		this.ctx.m2m(e, "participants").remove(red).block();
		assertThat(this.ctx.<Team>m2m(e, "participants").all().map((x) -> x.name).collectList().block())
			.containsExactly("Blue");
		this.ctx.m2m(e, "participants").clear().block();
		assertThat(this.ctx.m2m(e, "participants").all().count().block()).isZero();
	}

	// --- bulk, integrity, transactions ------------------------------------------------------

	@Test
	void bulkCreateUsesMultiRowBatchesAndSetsKeys() {
		Tournament t = tournament("Cup");
		List<Event> events = IntStream.range(0, 2500).mapToObj((i) -> new Event("E" + i, t)).toList();
		long before = this.ctx.statementCount();
		this.ctx.bulkCreate(events).block();
		assertThat(this.ctx.statementCount() - before).as("3 batches of at most 1,000 rows").isEqualTo(3);
		assertThat(events).allSatisfy((e) -> assertThat(e.id).isNotNull());
		assertThat(events.stream().map((e) -> e.id).distinct().count()).isEqualTo(2500);
		Event last = this.ctx.objects(Event.class).filter("id", events.get(2499).id).get().block();
		assertThat(last.name).isEqualTo("E2499");
	}

	/** 2,000 rows of 20 KB: 40 MB, more than MariaDB's default max_allowed_packet of 16 MB in one statement. */
	@Test
	void bulkCreateOfLargeRowsIsSplitToFitTheServersStatementLimit() {
		String notes = "n".repeat(20_000);
		List<Tournament> large = IntStream.range(0, 2000).mapToObj((i) -> {
			Tournament t = new Tournament("Large " + i);
			t.notes = notes;
			return t;
		}).toList();
		this.ctx.bulkCreate(large).block();
		assertThat(this.ctx.objects(Tournament.class).filter("notes", notes).count().block()).isEqualTo(2000);
		assertThat(large).allSatisfy((t) -> assertThat(t.id).isNotNull());
	}

	@Test
	void constraintViolationsAreIntegrityErrorsAndLeaveNothing() {
		this.ctx.create(new Team("Red")).block();
		assertThatThrownBy(() -> this.ctx.create(new Team("Red")).block()).isInstanceOf(IntegrityException.class)
			.hasCauseInstanceOf(io.r2dbc.spi.R2dbcDataIntegrityViolationException.class);
		List<Team> batch = List.of(new Team("Blue"), new Team("Green"), new Team("Red"));
		assertThatThrownBy(() -> this.ctx.inTransaction("default", (tx) -> tx.bulkCreate(batch)).blockLast())
			.isInstanceOf(IntegrityException.class);
		assertThat(this.ctx.objects(Team.class).count().block()).isEqualTo(1);
	}

	@Test
	void transactionsCommitRollBackAndNestAsSavepoints() {
		this.ctx.inTransaction("default", (tx) -> tx.create(new Tournament("Committed"))).blockLast();
		assertThatThrownBy(() -> this.ctx.inTransaction("default", (tx) -> tx.create(new Tournament("RolledBack"))
			.then(Mono.error(new IllegalStateException("boom")))).blockLast()).hasMessageContaining("boom");
		this.ctx.inTransaction("default", (tx) -> tx.create(new Tournament("Outer"))
			.then(tx.inTransaction("default", (inner) -> inner.create(new Tournament("Inner"))
				.then(Mono.error(new IllegalStateException("inner fails")))).then()
				.onErrorResume(IllegalStateException.class, (ex) -> Mono.empty()))
			.then(tx.objects(Tournament.class).count())).blockLast();
		assertThat(this.ctx.objects(Tournament.class).orderBy("name").all().map((t) -> t.name).collectList().block())
			.containsExactly("Committed", "Outer");
	}

	@Test
	void cancelledTransactionRollsBackAndReleasesItsConnection() {
		Mono<Void> never = Mono.never();
		var sub = this.ctx.inTransaction("default", (tx) -> tx.create(new Tournament("Cancelled")).then(never)).subscribe();
		Mono.fromCallable(() -> this.ctx.connections().pool("default").getMetrics().get().acquiredSize() > 0 ? true : null)
			.repeatWhenEmpty(Integer.MAX_VALUE, (f) -> f.delayElements(java.time.Duration.ofMillis(5)))
			.block(java.time.Duration.ofSeconds(10));
		Mono.delay(java.time.Duration.ofMillis(50)).block();
		sub.dispose();
		awaitNoAcquiredConnections();
		assertThat(this.ctx.objects(Tournament.class).filter("name", "Cancelled").count().block()).isZero();
	}

	@Test
	void concurrentTransactionsNeverShareAConnection() {
		List<Long> counts = Flux.range(0, 4)
			.flatMap((i) -> this.ctx.inTransaction("default", (tx) -> tx.create(new Tournament("T" + i))
				.then(tx.objects(Tournament.class).filter("name", "T" + i).count())))
			.collectList().block();
		assertThat(counts).containsOnly(1L);
		assertThat(this.ctx.objects(Tournament.class).count().block()).isEqualTo(4);
	}

	/**
	 * Cancellations at every point of a statement's life: before a connection is acquired,
	 * before the first row, after it. r2dbc-mysql 1.4 left a connection acquired for good
	 * within a few rounds when the driver itself was cancelled mid-exchange.
	 */
	@Test
	void mixedOperationsNeverLeakConnectionsEvenWhenCancelled() {
		Tournament t = tournament("Cup");
		for (int round = 0; round < 10; round++) {
			this.ctx.objects(Event.class).delete().block();
			Flux.range(0, 2000).flatMap((i) -> switch (i % 5) {
				case 0 -> this.ctx.create(new Event("E" + i, t)).then();
				case 1 -> this.ctx.objects(Event.class).filter("name__startswith", "E").limit(5).all().take(1).then();
				case 2 -> this.ctx.objects(Event.class).count().then();
				case 3 -> this.ctx.objects(Event.class).filter("nope", 1).all().then().onErrorResume((ex) -> Mono.empty());
				default -> this.ctx.objects(Event.class).all().take(java.time.Duration.ofMillis(1)).then();
			}, 8).blockLast(java.time.Duration.ofMinutes(1)); // a poisoned connection would hang here
			awaitNoAcquiredConnections();
			assertThat(this.ctx.objects(Event.class).count().block()).as("round %d", round).isEqualTo(400);
		}
	}

	/**
	 * Transactions cancelled at every point of their life: before the connection, between
	 * BEGIN and the first statement, mid-statement, during COMMIT. None may leave a
	 * connection acquired, or give one back to the pool inside a transaction.
	 */
	@Test
	void cancelledTransactionsNeverLeakConnections() {
		Tournament t = tournament("Cup");
		for (int round = 0; round < 5; round++) {
			Flux.range(0, 400).flatMap((i) -> this.ctx.inTransaction("default",
					(tx) -> tx.create(new Event("T" + i, t)).then(tx.objects(Event.class).count()))
				.take(java.time.Duration.ofNanos(200_000L * (i % 10)))
				.then(), 8)
				.blockLast(java.time.Duration.ofMinutes(1)); // a poisoned connection would hang here
			awaitNoAcquiredConnections();
			assertThat(this.ctx.objects(Event.class).count().block()).as("round %d", round).isBetween(0L, 400L * (round + 1));
			// Every connection of the pool (5) at once: none may have come back inside a transaction.
			List<io.r2dbc.spi.Connection> all = Flux.range(0, 5)
				.flatMap((i) -> Mono.<io.r2dbc.spi.Connection>from(this.ctx.connections().get("default").create()))
				.collectList()
				.block();
			try {
				assertThat(all).as("round %d", round).allMatch(io.r2dbc.spi.Connection::isAutoCommit);
			}
			finally {
				Flux.fromIterable(all).flatMap(io.r2dbc.spi.Connection::close).blockLast();
			}
		}
	}

	void awaitNoAcquiredConnections() {
		TestDatabase.awaitReleased(this.ctx.connections().pool("default"));
	}

}

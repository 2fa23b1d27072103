package dev.tortoise.spring.boot.json;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.tortoise.Tortoise;
import dev.tortoise.TortoiseContext;
import dev.tortoise.config.TortoiseConfig;
import dev.tortoise.exceptions.ConfigurationException;
import dev.tortoise.spring.boot.json.models.Author;
import dev.tortoise.spring.boot.json.models.Book;
import dev.tortoise.testing.TestDatabase;
import dev.tortoise.testmodels.query.Address;
import dev.tortoise.testmodels.query.AllTypes;
import dev.tortoise.testmodels.query.Event;
import dev.tortoise.testmodels.query.Kind;
import dev.tortoise.testmodels.query.Level;
import dev.tortoise.testmodels.query.Team;
import dev.tortoise.testmodels.query.TicketState;
import dev.tortoise.testmodels.query.Tournament;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TortoiseJacksonModuleTests {

	private static TortoiseContext ctx;

	private static TortoiseContext books;

	private static JsonMapper mapper;

	private static JsonMapper booksMapper;

	@BeforeAll
	static void start() {
		ctx = TestDatabase.context("h2://:memory:", "maxsize=2");
		mapper = JsonMapper.builder().addModule(TortoiseJacksonModule.of(ctx)).build();
		books = Tortoise.init(TortoiseConfig.builder().connection("default", "h2://:memory:")
			.app("models", List.of("dev.tortoise.spring.boot.json.models")).build()).block();
		books.generateSchemas().block();
		booksMapper = JsonMapper.builder().addModule(TortoiseJacksonModule.of(books)).build();
	}

	@AfterAll
	static void stop() {
		TestDatabase.closeAll(ctx, null);
		TestDatabase.closeAll(books, null);
	}

	@Test
	void everyFieldTypeRoundTripsThroughJsonAndTheDatabase() {
		AllTypes row = new AllTypes();
		row.intValue = 7;
		row.bigValue = 9_000_000_000L;
		row.smallValue = (short) 3;
		row.charValue = "chars é 🐢";
		row.textValue = "text\nwith lines";
		row.boolValue = true;
		row.decimalValue = new BigDecimal("1234.5678");
		row.doubleValue = 2.5;
		row.floatValue = 1.25f;
		row.offsetValue = OffsetDateTime.of(2026, 12, 5, 10, 30, 0, 0, ZoneOffset.UTC);
		row.instantValue = Instant.parse("2026-01-02T03:04:05Z");
		row.localValue = LocalDateTime.of(2026, 2, 3, 4, 5, 6);
		row.zonedValue = ZonedDateTime.of(2026, 3, 4, 5, 6, 7, 0, ZoneOffset.UTC);
		row.dateValue = LocalDate.of(2026, 4, 5);
		row.timeValue = LocalTime.of(6, 7, 8);
		row.uuidValue = UUID.fromString("1b4e28ba-2fa1-11d2-883f-0016d3cca427");
		row.jsonMap = Map.of("a", 1, "b", List.of("x", "y"));
		row.jsonList = List.of(1, 2, 3);
		row.binaryValue = new byte[] { 0, 1, 2, (byte) 255 };
		row.kind = Kind.TEAM_RELAY;
		row.level = Level.HIGH;
		row.state = TicketState.IN_PROGRESS;
		row.point = new dev.tortoise.testmodels.query.Point(1, -2);
		ctx.create(row).block();
		AllTypes stored = ctx.objects(AllTypes.class).filter("id", row.id).get().block();

		JsonNode json = mapper.valueToTree(stored);
		assertThat(json.get("charValue").asString()).isEqualTo("chars é 🐢");
		assertThat(json.get("jsonMap").get("b").get(1).asString()).isEqualTo("y");
		assertThat(json.get("decimalValue").decimalValue()).isEqualByComparingTo("1234.5678");
		assertThat(json.propertyNames()).hasSize(25);
		assertThat(json.get("point").get("y").asInt()).as("a JSON field's value as JSON, whatever its codec stores")
			.isEqualTo(-2);

		AllTypes read = mapper.readValue(mapper.writeValueAsString(stored), AllTypes.class);
		assertThat(read).usingRecursiveComparison()
			.withComparatorForType((a, b) -> a.toInstant().compareTo(b.toInstant()), ZonedDateTime.class)
			.withComparatorForType((a, b) -> a.toInstant().compareTo(b.toInstant()), OffsetDateTime.class)
			.isEqualTo(stored);

		read.id = null;
		ctx.create(read).block();
		AllTypes copy = ctx.objects(AllTypes.class).filter("id", read.id).get().block();
		assertThat(copy).usingRecursiveComparison().ignoringFields("id").isEqualTo(stored);
	}

	@Test
	void nullsAreWrittenAndReadAsNulls() {
		AllTypes empty = ctx.create(new AllTypes()).block();
		String json = mapper.writeValueAsString(empty);
		assertThat(mapper.readTree(json).get("textValue").isNull()).isTrue();
		assertThat(mapper.readValue(json, AllTypes.class)).usingRecursiveComparison().isEqualTo(empty);
	}

	@Test
	void anUnfetchedForeignKeyIsItsKeyUnderTheColumnNameAndUnfetchedRelationsToManyAreLeftOut() {
		Event event = event("unfetched");
		Event plain = ctx.objects(Event.class).filter("id", event.id).get().block();
		JsonNode json = mapper.valueToTree(plain);
		assertThat(json.get("tournament_id").asInt()).isEqualTo(event.tournament.id);
		assertThat(json.has("tournament")).isFalse();
		assertThat(json.has("participants")).isFalse();
		assertThat(json.toString()).doesNotContain("\"fetched\"");
	}

	@Test
	void fetchedRelationsAreNestedObjectsAndArrays() {
		Event event = event("fetched");
		Event full = ctx.objects(Event.class).filter("id", event.id).selectRelated("tournament")
			.prefetchRelated("participants").get().block();
		JsonNode json = mapper.valueToTree(full);
		assertThat(json.get("tournament").get("name").asString()).isEqualTo("Cup fetched");
		assertThat(json.get("tournament_id").asInt()).isEqualTo(event.tournament.id);
		assertThat(json.get("participants").findValuesAsString("name")).containsExactlyInAnyOrder("A fetched",
				"B fetched");

		Tournament tournament = ctx.objects(Tournament.class).filter("id", event.tournament.id)
			.prefetchRelated("events").get().block();
		JsonNode events = mapper.valueToTree(tournament).get("events");
		assertThat(events).hasSize(1);
		assertThat(events.get(0).get("name").asString()).isEqualTo("fetched");
		assertThat(events.get(0).get("tournament_id").asInt()).isEqualTo(tournament.id);
	}

	@Test
	void aBackwardOneToOneIsNestedWhenFetched() {
		Team team = ctx.create(new Team("O2O team")).block();
		ctx.create(new Address("Lyon", team)).block();
		Team fetched = ctx.objects(Team.class).filter("id", team.id).prefetchRelated("address").get().block();
		JsonNode json = mapper.valueToTree(fetched);
		assertThat(json.get("address").get("city").asString()).isEqualTo("Lyon");
		assertThat(json.get("address").get("team_id").asInt()).isEqualTo(team.id);
	}

	@Test
	void aRelationFetchedBothWaysIsWrittenOnceThenByKey() {
		Event event = event("cycle");
		Tournament tournament = ctx.objects(Tournament.class).filter("id", event.tournament.id).get().block();
		Event back = new Event("cycle", tournament);
		back.id = event.id;
		tournament.events = dev.tortoise.fields.ReverseRelation.fetched("Tournament", "events", List.of(back));
		JsonNode json = mapper.valueToTree(back);
		assertThat(json.get("tournament").get("events").get(0).asLong()).isEqualTo(event.id);
	}

	@Test
	void aForeignKeyIsReadByColumnNameByRelationNameOrAsAnObject() {
		Tournament tournament = ctx.create(new Tournament("Read cup")).block();
		for (String body : List.of("{\"name\":\"by column\",\"tournament_id\":" + tournament.id + "}",
				"{\"name\":\"by name\",\"tournament\":" + tournament.id + "}",
				"{\"name\":\"by object\",\"tournament\":{\"id\":" + tournament.id + ",\"name\":\"Read cup\"}}")) {
			Event event = mapper.readValue(body, Event.class);
			assertThat(event.tournament.id).isEqualTo(tournament.id);
			ctx.create(event).block();
			assertThat(ctx.objects(Event.class).filter("id", event.id).values("tournament_id").blockFirst())
				.containsEntry("tournament_id", tournament.id);
		}
	}

	@Test
	void writtenOnlyPropertiesAreSkippedAndUnknownOnesFollowTheMappersSetting() {
		String body = "{\"name\":\"x\",\"participants\":[{\"id\":1}],\"unknown\":1}";
		assertThat(mapper.rebuild().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build()
			.readValue(body, Event.class).name).isEqualTo("x");
		assertThatException()
			.isThrownBy(() -> mapper.rebuild().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build()
				.readValue(body, Event.class))
			.withMessageContaining("\"unknown\"");
	}

	@Test
	void aValueOfTheWrongTypeIsAMappingErrorNamingTheProperty() {
		assertThatException().isThrownBy(() -> mapper.readValue("{\"intValue\":\"seven\"}", AllTypes.class))
			.withMessageContaining("intValue");
	}

	@Test
	void excludedIgnoredAndComputedFieldsAsTheModelSays() {
		Author author = new Author();
		author.name = "Ann";
		author.secret = "s3cret";
		author.internal = "int";
		books.create(author).block();
		JsonNode json = booksMapper.valueToTree(author);
		assertThat(json.propertyNames()).containsExactly("id", "name", "display");
		assertThat(json.get("display").asString()).isEqualTo("Author Ann");

		Author read = booksMapper.rebuild().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build()
			.readValue("{\"name\":\"Bob\",\"secret\":\"x\",\"internal\":\"y\",\"display\":\"z\"}", Author.class);
		assertThat(read.name).isEqualTo("Bob");
		assertThat(read.secret).isNull();
		assertThat(read.internal).isNull();
	}

	@Test
	void withoutRawKeysAnUnfetchedForeignKeyIsItsBareKey() {
		Author author = new Author();
		author.name = "Cy";
		books.create(author).block();
		Book book = new Book();
		book.title = "T";
		book.author = author;
		books.create(book).block();
		Book plain = books.objects(Book.class).filter("id", book.id).get().block();
		JsonNode json = booksMapper.valueToTree(plain);
		assertThat(json.get("author").asInt()).isEqualTo(author.id);
		assertThat(json.has("author_id")).isFalse();
		Book fetched = books.objects(Book.class).filter("id", book.id).selectRelated("author").get().block();
		assertThat(booksMapper.valueToTree(fetched).get("author").get("name").asString()).isEqualTo("Cy");
		Book orphan = new Book();
		orphan.title = "none";
		assertThat(booksMapper.valueToTree(orphan).get("author").isNull()).isTrue();
	}

	@Test
	void anUnfetchedContainerWrittenOnItsOwnSaysHowToFetchIt() {
		Tournament tournament = ctx.objects(Tournament.class).first().block();
		if (tournament == null) {
			tournament = ctx.create(new Tournament("Alone")).block();
		}
		Tournament plain = tournament;
		Object container = (plain.events != null) ? plain.events
				: dev.tortoise.fields.ReverseRelation.unfetched("Tournament", "events");
		assertThatException().isThrownBy(() -> mapper.writeValueAsString(container))
			.withMessageContaining("prefetchRelated(\"events\")");
	}

	@Test
	void aJsonModelNamingAnUnknownFieldIsAConfigurationErrorNamingIt() {
		TortoiseContext wrong = Tortoise.init(TortoiseConfig.builder().connection("default", "h2://:memory:")
			.app("models", List.of("dev.tortoise.spring.boot.json.wrong")).build()).block();
		try {
			JsonMapper wrongMapper = JsonMapper.builder().addModule(TortoiseJacksonModule.of(wrong)).build();
			assertThatExceptionOfType(ConfigurationException.class)
				.isThrownBy(() -> wrongMapper.writeValueAsString(new dev.tortoise.spring.boot.json.wrong.Misnamed()))
				.withMessageContaining("Misnamed")
				.withMessageContaining("'titel'");
		}
		finally {
			wrong.close();
		}
	}

	private static Event event(String name) {
		Tournament tournament = ctx.create(new Tournament("Cup " + name)).block();
		Event event = ctx.create(new Event(name, tournament)).block();
		Team a = ctx.create(new Team("A " + name)).block();
		Team b = ctx.create(new Team("B " + name)).block();
		ctx.m2m(event, "participants").add(a, b).block();
		return event;
	}

}

package dev.tortoise.sample;

import java.util.List;
import java.util.Map;

import dev.tortoise.TortoiseContext;
import dev.tortoise.sample.audit.AuditLog;
import dev.tortoise.sample.models.Event;
import dev.tortoise.sample.models.Team;
import dev.tortoise.sample.models.Tournament;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Every endpoint and error of the API over the real HTTP stack; one subclass per database. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// A bound, not a speed check: some hostile requests (20,000 ids, 100,000-character filters) take
// seconds on a cold JVM under a full build, past the client's default of 5 s.
@AutoConfigureWebTestClient(timeout = "PT60S")
abstract class ApiTests {

	@Autowired
	WebTestClient client;

	@Autowired
	TortoiseContext tortoise;

	@org.springframework.boot.test.web.server.LocalServerPort
	int port;

	@BeforeEach
	void emptyTables() {
		this.tortoise.objects(Event.class).delete().block();
		this.tortoise.objects(Team.class).delete().block();
		this.tortoise.objects(Tournament.class).delete().block();
		this.tortoise.objects(AuditLog.class).delete().block();
	}

	private Map<String, Object> post(String path, Object body, HttpStatus status) {
		return this.client.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
			.expectStatus().isEqualTo(status)
			.expectBody(JSON).returnResult().getResponseBody();
	}

	private Object get(String path) {
		return this.client.get().uri(path).exchange().expectStatus().isOk().expectBody(Object.class).returnResult()
			.getResponseBody();
	}

	private long id(Map<String, Object> body) {
		return ((Number) body.get("id")).longValue();
	}

	private static final org.springframework.core.ParameterizedTypeReference<Map<String, Object>> JSON = new org.springframework.core.ParameterizedTypeReference<>() {
	};

	@Test
	void tournamentsAreCreatedListedAndShownWithTheirEvents() {
		long cup = id(post("/tournaments", Map.of("name", "Cup"), HttpStatus.CREATED));
		post("/tournaments", Map.of("name", "League"), HttpStatus.CREATED);
		post("/events", Map.of("name", "Final", "tournamentId", cup), HttpStatus.CREATED);
		assertThat(field(get("/tournaments"), "name")).containsExactly("Cup", "League");
		Map<?, ?> shown = (Map<?, ?>) get("/tournaments/" + cup);
		assertThat(shown.get("name")).isEqualTo("Cup");
		assertThat(field(shown.get("events"), "name")).containsExactly("Final");
	}

	@Test
	void tournamentsAreListedWithTheCountAndPrizeTotalOfTheirEvents() {
		long cup = id(post("/tournaments", Map.of("name", "Cup"), HttpStatus.CREATED));
		post("/tournaments", Map.of("name", "League"), HttpStatus.CREATED);
		post("/events", Map.of("name", "Final", "tournamentId", cup, "prize", 100.50), HttpStatus.CREATED);
		post("/events", Map.of("name", "Semi", "tournamentId", cup, "prize", 20), HttpStatus.CREATED);
		List<?> listed = (List<?>) get("/tournaments");
		assertThat(field(listed, "eventCount")).containsExactly(2, 0);
		assertThat(field(listed, "prizeTotal")).extracting((v) -> new java.math.BigDecimal(v.toString()))
			.usingElementComparator(java.math.BigDecimal::compareTo)
			.containsExactly(new java.math.BigDecimal("120.50"), java.math.BigDecimal.ZERO);
	}

	@Test
	void prizeIncreasesAreAtomicUnderConcurrentRequests() {
		long cup = id(post("/tournaments", Map.of("name", "Cup"), HttpStatus.CREATED));
		long fin = id(post("/events", Map.of("name", "Final", "tournamentId", cup), HttpStatus.CREATED));
		reactor.core.publisher.Flux.range(0, 20)
			.flatMap((i) -> this.client.post().uri("/events/" + fin + "/prize").contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("add", 1.25)).exchange().expectStatus().isOk().returnResult(String.class).getResponseBody()
				.then(), 8)
			.blockLast();
		Map<?, ?> shown = (Map<?, ?>) get("/events/" + fin);
		assertThat(new java.math.BigDecimal(shown.get("prize").toString())).isEqualByComparingTo("25.00");
		this.client.post().uri("/events/999999/prize").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("add", 1)).exchange().expectStatus().isNotFound();
		this.client.post().uri("/events/" + fin + "/prize").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("add", -1)).exchange().expectStatus().isBadRequest();
	}

	@Test
	void teamsByNameAreFoundOrCreatedOnce() {
		Map<String, Object> made = this.client.put().uri("/teams/by-name/Orange").exchange().expectStatus().isCreated()
			.expectBody(JSON).returnResult().getResponseBody();
		Map<String, Object> found = this.client.put().uri("/teams/by-name/Orange").exchange().expectStatus().isOk()
			.expectBody(JSON).returnResult().getResponseBody();
		assertThat(found).isEqualTo(made);
		assertThat(field(get("/teams"), "name")).containsExactly("Orange");
	}

	@Test
	void teamsAreCreatedAndListedAndADuplicateNameIsAConflict() {
		post("/teams", Map.of("name", "Red"), HttpStatus.CREATED);
		post("/teams", Map.of("name", "Blue"), HttpStatus.CREATED);
		Map<String, Object> conflict = post("/teams", Map.of("name", "Red"), HttpStatus.CONFLICT);
		assertThat(conflict.get("title")).isEqualTo("Conflict");
		assertThat(conflict.get("detail").toString()).contains("connection \"default\"").containsIgnoringCase("name")
			.as("no statement, no driver internals").doesNotContain("INSERT").doesNotContain("CONSTRAINT_INDEX");
		assertThat(field(get("/teams"), "name")).containsExactly("Red", "Blue");
	}

	@Test
	void teamsTravelAsModelsThemselvesWithoutRelationWrappersOrClientKeys() {
		Map<String, Object> created = post("/teams", Map.of("id", 999_999, "name", "Green"), HttpStatus.CREATED);
		assertThat(created).containsOnlyKeys("id", "name").containsEntry("name", "Green");
		assertThat(((Number) created.get("id")).longValue()).as("the database's key, not the body's").isNotEqualTo(999_999L);
		assertThat((List<?>) get("/teams")).singleElement().isEqualTo(created);
	}

	@Test
	void anEventIsCreatedWithItsParticipantsAndShownWithThemInTwoQueries() {
		long cup = id(post("/tournaments", Map.of("name", "Cup"), HttpStatus.CREATED));
		long red = id(post("/teams", Map.of("name", "Red"), HttpStatus.CREATED));
		long blue = id(post("/teams", Map.of("name", "Blue"), HttpStatus.CREATED));
		Map<String, Object> created = post("/events",
				Map.of("name", "Final", "tournamentId", cup, "participantIds", List.of(red, blue), "prize", "100.50"),
				HttpStatus.CREATED);
		assertThat(created.get("tournament")).isEqualTo("Cup");
		assertThat(((Number) created.get("prize")).doubleValue()).isEqualTo(100.5);
		long before = this.tortoise.statementCount();
		Map<?, ?> shown = (Map<?, ?>) get("/events/" + id(created));
		assertThat(this.tortoise.statementCount() - before).as("event joined with its tournament, then participants")
			.isEqualTo(2);
		assertThat(field(shown.get("participants"), "name"))
			.containsExactlyInAnyOrder("Red", "Blue");
		assertThat(shown.get("tournamentId")).isEqualTo(created.get("tournamentId"));
	}

	@Test
	void eventsAreFilteredByAnyLookupOrderedAndPaged() {
		long cup = id(post("/tournaments", Map.of("name", "Cup"), HttpStatus.CREATED));
		long red = id(post("/teams", Map.of("name", "Red"), HttpStatus.CREATED));
		for (int i = 1; i <= 5; i++) {
			post("/events", Map.of("name", "Cup round " + i, "tournamentId", cup, "prize", i * 10,
					"participantIds", (i % 2 == 0) ? List.of(red) : List.of()), HttpStatus.CREATED);
		}
		post("/events", Map.of("name", "Friendly", "tournamentId", cup), HttpStatus.CREATED);
		assertThat(names("/events?name__icontains=ROUND&orderBy=-id&limit=2&offset=1"))
			.containsExactly("Cup round 4", "Cup round 3");
		assertThat(names("/events?prize__gte=30&prize__lt=50")).containsExactly("Cup round 3", "Cup round 4");
		assertThat(names("/events?participants__name=Red")).containsExactly("Cup round 2", "Cup round 4");
		assertThat(names("/events?prize__isnull=true")).containsExactly("Friendly");
		assertThat(names("/events?name__startswith=Cup&prize__range=20,40&orderBy=-prize"))
			.containsExactly("Cup round 4", "Cup round 3", "Cup round 2");
		assertThat(names("/events?tournament__name=Cup&name__not=Friendly&limit=1")).containsExactly("Cup round 1");
		assertThat(names("/events?name=Cup round 5' OR '1'='1")).as("values are bound, never SQL").isEmpty();
	}

	private List<Object> names(String uri) {
		return field(get(uri), "name");
	}

	private static List<Object> field(Object list, String key) {
		return ((List<?>) list).stream().map((e) -> (Object) ((Map<?, ?>) e).get(key)).toList();
	}

	/**
	 * Several hundred hostile requests ({@link HostileInputs}): never a 5xx, every 4xx a
	 * problem detail without SQL, stack traces or driver names, and the tables changed exactly
	 * by the writes that were answered 201.
	 */
	@Test
	void hostileInputsGetClearAnswersAndChangeOnlyWhatTheyWereToldTheyChanged() {
		long cup = id(post("/tournaments", Map.of("name", "Hostile cup"), HttpStatus.CREATED));
		long red = id(post("/teams", Map.of("name", "Hostile red"), HttpStatus.CREATED));
		Map<String, Long> before = rowCounts();
		Map<String, Long> written = new java.util.HashMap<>(Map.of("tournament", 0L, "team", 0L, "event", 0L));
		List<HostileInputs.Case> cases = HostileInputs.all(cup, red);
		assertThat(cases).hasSizeGreaterThan(400);
		for (HostileInputs.Case c : cases) {
			org.springframework.test.web.reactive.server.EntityExchangeResult<byte[]> result;
			try {
				result = this.client.method(c.method()).uri(java.net.URI.create("http://127.0.0.1:" + this.port + c.uri()))
					.header("Content-Type", c.contentType()).bodyValue(c.body())
					.exchange().expectBody().returnResult();
			}
			catch (RuntimeException ex) {
				throw new AssertionError("No answer to " + c + ": " + ex.getMessage(), ex);
			}
			int status = result.getStatus().value();
			String body = (result.getResponseBody() != null)
					? new String(result.getResponseBody(), java.nio.charset.StandardCharsets.UTF_8) : "";
			assertThat(status).as("%s answered %s", c, body).isLessThan(500);
			if (status >= 400) {
				assertThat(result.getResponseHeaders().getContentType()).as("%s: a problem detail", c)
					.hasToString("application/problem+json");
				assertThat(body).as("%s: no internals", c).contains("\"status\":" + status)
					.doesNotContain("SELECT ").doesNotContain("INSERT ").doesNotContain("Exception")
					.doesNotContain("\tat ").doesNotContain("r2dbc").doesNotContain("CONSTRAINT_");
			}
			else if (status == 201 && c.addsTo() != null) {
				written.merge(c.addsTo(), 1L, Long::sum);
			}
		}
		Map<String, Long> after = rowCounts();
		for (String table : written.keySet()) {
			assertThat(after.get(table)).as("rows of %s", table).isEqualTo(before.get(table) + written.get(table));
		}
	}

	private Map<String, Long> rowCounts() {
		return Map.of("tournament", this.tortoise.objects(Tournament.class).count().block(), "team",
				this.tortoise.objects(Team.class).count().block(), "event", this.tortoise.objects(Event.class).count().block());
	}

	@Test
	void theFrameworksOwnErrorsAreProblemDetailsToo() {
		for (String path : List.of("/teams", "/tournaments", "/events")) {
			this.client.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\":".getBytes())
				.exchange().expectStatus().isBadRequest().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
			this.client.put().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue("{}".getBytes())
				.exchange().expectStatus().isEqualTo(HttpStatus.METHOD_NOT_ALLOWED)
				.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
			this.client.post().uri(path).contentType(MediaType.TEXT_PLAIN).bodyValue("name=x")
				.exchange().expectStatus().isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
				.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
		}
		this.client.get().uri("/teams").accept(MediaType.APPLICATION_XML).exchange()
			.expectStatus().isEqualTo(HttpStatus.NOT_ACCEPTABLE);
		this.client.post().uri("/teams").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(("{\"name\":\"" + "x".repeat(300_000) + "\"}").getBytes()).exchange()
			.expectStatus().isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
		// Refused by the HTTP server before Spring: HttpLimitProblems gives them a problem body too.
		this.client.get().uri("/events?name=" + "x".repeat(10_000)).exchange()
			.expectStatus().isEqualTo(HttpStatus.URI_TOO_LONG)
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.status").isEqualTo(414);
		this.client.get().uri("/teams").header("X-Large", "x".repeat(20_000)).exchange()
			.expectStatus().isEqualTo(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE)
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.detail").value((String detail) -> assertThat(detail).contains("headers"));
	}

	@Test
	void coercionsAreTheDocumentedOnes() {
		long cup = id(post("/tournaments", Map.of("name", "Cup"), HttpStatus.CREATED));
		post("/events", Map.of("name", "Half", "tournamentId", 1.5), HttpStatus.BAD_REQUEST);
		Map<String, Object> rounded = post("/events", Map.of("name", "Rounded", "tournamentId", cup, "prize", "100.505"),
				HttpStatus.CREATED);
		assertThat(new java.math.BigDecimal(rounded.get("prize").toString())).as("half-even to 2 places, as Tortoise")
			.isEqualByComparingTo("100.50");
		assertThat(post("/teams", Map.of("name", 7), HttpStatus.CREATED).get("name")).isEqualTo("7");
		post("/teams", Map.of("name", ""), HttpStatus.CREATED);
		post("/events", Map.of("name", "Too rich", "tournamentId", cup, "prize", "123456789.00"), HttpStatus.BAD_REQUEST);
	}

	@Test
	void aNullParticipantIsABadRequestAndManyMissingOnesAreNotAllEchoed() {
		long cup = id(post("/tournaments", Map.of("name", "Cup"), HttpStatus.CREATED));
		Map<String, Object> body = new java.util.LinkedHashMap<>();
		body.put("name", "Final");
		body.put("tournamentId", cup);
		body.put("participantIds", java.util.Collections.singletonList(null));
		assertThat(post("/events", body, HttpStatus.BAD_REQUEST).get("detail").toString()).contains("participantIds");
		List<Long> missing = java.util.stream.LongStream.range(1_000_000, 1_020_000).boxed().toList();
		String detail = post("/events", Map.of("name", "Final", "tournamentId", cup, "participantIds", missing),
				HttpStatus.NOT_FOUND).get("detail").toString();
		assertThat(detail).contains("and 19990 more").hasSizeLessThan(200);
		assertThat(this.tortoise.objects(Event.class).count().block()).isZero();
	}

	@Test
	void unknownFieldsAndBadValuesAreBadRequests() {
		Map<String, Object> unknown = this.client.get().uri("/events?colour=red").exchange()
			.expectStatus().isBadRequest().expectBody(JSON).returnResult().getResponseBody();
		assertThat(unknown.get("detail").toString()).contains("Unknown field \"colour\"").contains("Valid fields: id, name");
		this.client.get().uri("/events?prize__gte=lots").exchange().expectStatus().isBadRequest()
			.expectBody().jsonPath("$.detail").value((String detail) -> assertThat(detail).contains("Event.prize"));
		this.client.get().uri("/events?orderBy=-colour").exchange().expectStatus().isBadRequest();
		this.client.get().uri("/events?limit=-1").exchange().expectStatus().isBadRequest();
		post("/teams", Map.of(), HttpStatus.BAD_REQUEST);
		post("/events", Map.of("name", "No tournament"), HttpStatus.BAD_REQUEST);
	}

	@Test
	void aKeyThroughThirtyRelationsIsABadRequestAndADeepOneStillAnswers() {
		String thirty = String.join("__", java.util.Collections.nCopies(15, "participants__events")) + "__name";
		this.client.get().uri("/events?" + thirty + "=x").exchange().expectStatus().isBadRequest()
			.expectBody().jsonPath("$.detail").value((String detail) -> assertThat(detail).contains("more than 10 relations"));
		String eight = String.join("__", java.util.Collections.nCopies(4, "participants__events")) + "__name";
		assertThat(names("/events?" + eight + "=nothing")).isEmpty();
	}

	@Test
	void missingRowsAreNotFound() {
		this.client.get().uri("/tournaments/999999").exchange().expectStatus().isNotFound()
			.expectBody().jsonPath("$.title").isEqualTo("Not Found");
		this.client.get().uri("/events/999999").exchange().expectStatus().isNotFound();
		assertThat(post("/events", Map.of("name", "Lost", "tournamentId", 999999), HttpStatus.NOT_FOUND).get("detail"))
			.isEqualTo("Tournament 999999 does not exist.");
		long cup = id(post("/tournaments", Map.of("name", "Cup"), HttpStatus.CREATED));
		long red = id(post("/teams", Map.of("name", "Red"), HttpStatus.CREATED));
		assertThat(post("/events", Map.of("name", "Ghosts", "tournamentId", cup, "participantIds", List.of(red, 999998)),
				HttpStatus.NOT_FOUND).get("detail")).isEqualTo("Teams [999998] do not exist.");
		assertThat(this.tortoise.objects(Event.class).count().block()).isZero();
	}

	@Test
	void aSecondEventOfTheSameNameInATournamentIsAConflictAndLeavesNothingHalfWritten() {
		long cup = id(post("/tournaments", Map.of("name", "Cup"), HttpStatus.CREATED));
		long red = id(post("/teams", Map.of("name", "Red"), HttpStatus.CREATED));
		post("/events", Map.of("name", "Final", "tournamentId", cup, "participantIds", List.of(red)), HttpStatus.CREATED);
		long auditBefore = this.tortoise.objects(AuditLog.class).count().block();
		post("/events", Map.of("name", "Final", "tournamentId", cup, "participantIds", List.of(red)), HttpStatus.CONFLICT);
		assertThat(this.tortoise.objects(Event.class).count().block()).isEqualTo(1);
		assertThat(this.tortoise.objects(AuditLog.class).count().block()).isEqualTo(auditBefore);
	}

	@Test
	@SuppressWarnings("unchecked")
	void everyWriteIsInTheAuditLogOnTheAuditConnection() {
		long cup = id(post("/tournaments", Map.of("name", "Cup"), HttpStatus.CREATED));
		long red = id(post("/teams", Map.of("name", "Red"), HttpStatus.CREATED));
		post("/events", Map.of("name", "Final", "tournamentId", cup, "participantIds", List.of(red)), HttpStatus.CREATED);
		List<Map<String, Object>> audit = (List<Map<String, Object>>) get("/audit");
		assertThat(audit).extracting((a) -> a.get("model")).containsExactly("Event", "Team", "Tournament");
		assertThat((Map<String, Object>) audit.get(0).get("payload")).containsEntry("name", "Final")
			.containsEntry("participantIds", List.of((int) red));
		assertThat(this.tortoise.meta(AuditLog.class).connection()).isEqualTo("audit");
	}

	@Test
	void healthShowsBothConnectionsAndPoolMetricsExist() {
		this.client.get().uri("/actuator/health").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.components.tortoise.components.default.status").isEqualTo("UP")
			.jsonPath("$.components.tortoise.components.audit.status").isEqualTo("UP")
			.jsonPath("$.components.tortoise.components.default.details.database").exists();
		this.client.get().uri("/actuator/metrics/tortoise.pool.acquired").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.availableTags[0].tag").isEqualTo("connection")
			.jsonPath("$.availableTags[0].values").value((List<String> values) -> assertThat(values)
				.containsExactlyInAnyOrder("default", "audit"));
		this.client.get().uri("/actuator/tortoise").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.apps.audit.defaultConnection").isEqualTo("audit");
	}

}

package dev.tortoise.sample;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import dev.tortoise.TortoiseContext;
import dev.tortoise.sample.audit.AuditLog;
import dev.tortoise.sample.models.Event;
import dev.tortoise.sample.models.Team;
import dev.tortoise.sample.models.Tournament;
import dev.tortoise.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 5,000 requests, 100 at a time, over real HTTP: a mix of writes (teams, events with
 * participants) and reads (lists, filters, details). Ends with no error, every written row
 * in the database and the audit log, and every pooled connection back in its pool.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "tortoise.connections.default.pool.max-size=10")
class LoadTests {

	private static final int REQUESTS = 5_000;

	private static final int CONCURRENCY = 100;

	@TempDir
	static Path data;

	@DynamicPropertySource
	static void files(DynamicPropertyRegistry registry) {
		DataFiles.sqlite(registry, data);
	}

	@LocalServerPort
	int port;

	@Autowired
	TortoiseContext tortoise;

	@Test
	void mixedLoadEndsWithoutErrorsWithEveryRowAndNoConnectionHeld() {
		WebClient client = WebClient.builder().baseUrl("http://localhost:" + this.port).build();
		long tournament = ((Number) post(client, "/tournaments", Map.of("name", "Load cup")).block().get("id")).longValue();
		List<Long> seedTeams = Flux.range(0, 10)
			.concatMap((i) -> post(client, "/teams", Map.of("name", "seed " + i)))
			.map((team) -> ((Number) team.get("id")).longValue())
			.collectList().block();
		AtomicInteger teams = new AtomicInteger(10);
		AtomicInteger events = new AtomicInteger();
		ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
		Flux.range(0, REQUESTS).flatMap((i) -> {
			Mono<?> request = switch (i % 10) {
				case 0, 1 -> post(client, "/teams", Map.of("name", "team " + i)).doOnNext((t) -> teams.incrementAndGet());
				case 2 -> post(client, "/events", Map.of("name", "event " + i, "tournamentId", tournament, "prize", i,
						"participantIds", List.of(seedTeams.get(i % 10), seedTeams.get((i + 3) % 10))))
					.doOnNext((e) -> events.incrementAndGet());
				case 3, 4 -> list(client, "/events?name__icontains=event&orderBy=-id&limit=20");
				case 5 -> list(client, "/events?participants__id=" + seedTeams.get(i % 10) + "&prize__gte=100&limit=50");
				case 6 -> client.get().uri("/tournaments/" + tournament).retrieve().bodyToMono(Map.class);
				case 7 -> list(client, "/teams");
				case 8 -> list(client, "/audit?limit=10");
				default -> list(client, "/tournaments");
			};
			return request.onErrorResume((ex) -> {
				errors.add(i + ": " + ex);
				return Mono.empty();
			});
		}, CONCURRENCY).blockLast(Duration.ofMinutes(4));

		assertThat(errors).isEmpty();
		assertThat(teams.get()).isEqualTo(10 + REQUESTS / 5);
		assertThat(events.get()).isEqualTo(REQUESTS / 10);
		assertThat(this.tortoise.objects(Team.class).count().block()).isEqualTo(teams.get());
		assertThat(this.tortoise.objects(Event.class).count().block()).isEqualTo(events.get());
		// Every event got seed teams 2 and 5 (i % 10 == 2), and kept both.
		assertThat(this.tortoise.objects(Event.class).filter("participants__id", seedTeams.get(2)).count().block())
			.isEqualTo(events.get());
		assertThat(this.tortoise.objects(Team.class).filter("events__name__startswith", "event").count().block())
			.isEqualTo(2);
		assertThat(this.tortoise.objects(Tournament.class).count().block()).isEqualTo(1);
		assertThat(this.tortoise.objects(AuditLog.class).count().block()).isEqualTo(1 + teams.get() + events.get());
		TestDatabase.awaitReleased(this.tortoise.connections().pool("default"));
		TestDatabase.awaitReleased(this.tortoise.connections().pool("audit"));
	}

	@SuppressWarnings("unchecked")
	private static Mono<Map<String, Object>> post(WebClient client, String path, Map<String, Object> body) {
		return client.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body).retrieve()
			.bodyToMono(Map.class).map((m) -> (Map<String, Object>) m);
	}

	private static Mono<List<Object>> list(WebClient client, String uri) {
		return client.get().uri(uri).retrieve().bodyToFlux(Object.class).collectList();
	}

}

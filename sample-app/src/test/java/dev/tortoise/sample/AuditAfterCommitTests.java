package dev.tortoise.sample;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.tortoise.TortoiseContext;
import dev.tortoise.sample.audit.AuditLog;
import dev.tortoise.sample.models.Team;
import dev.tortoise.testing.PrivateServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's two-connection pattern under a restart of the audit database (a private
 * PostgreSQL server started for this class): every team written gets its 201, and every
 * audit entry is either stored or reported as lost with its content; nothing in between.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "PT60S")
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class AuditAfterCommitTests {

	private static final int TEAMS = 200;

	@TempDir
	static Path data;

	private static PrivateServer audit;

	@Autowired
	WebTestClient client;

	@Autowired
	TortoiseContext tortoise;

	@DynamicPropertySource
	static void databases(DynamicPropertyRegistry registry) {
		audit = PrivateServer.postgres();
		DataFiles.sqlite(registry, data);
		registry.add("tortoise.connections.audit.url", () -> audit.url() + "?statement_timeout=10");
	}

	@AfterAll
	static void stopServer() {
		if (audit != null) {
			audit.close();
		}
	}

	@Test
	void aRestartOfTheAuditDatabaseNeverFailsAWriteAndLosesNoEntrySilently(CapturedOutput output) {
		AtomicInteger created = new AtomicInteger();
		AtomicInteger started = new AtomicInteger();
		Mono<Void> restart = Mono.fromRunnable(audit::restart).subscribeOn(Schedulers.boundedElastic()).then();
		Flux.range(0, TEAMS).flatMap((i) -> {
			Mono<Void> maybeRestart = (started.incrementAndGet() == 20) ? restart : Mono.empty();
			return maybeRestart.then(Mono.fromRunnable(() -> {
				this.client.post().uri("/teams").contentType(MediaType.APPLICATION_JSON)
					.bodyValue(Map.of("name", "team " + i)).exchange().expectStatus().isCreated();
				created.incrementAndGet();
			}).subscribeOn(Schedulers.boundedElastic())).then();
		}, 4).then().block(Duration.ofMinutes(3));
		assertThat(created.get()).as("every request answered 201").isEqualTo(TEAMS);

		assertThat(this.tortoise.objects(Team.class).count().block()).as("every team was written").isEqualTo(TEAMS);
		long stored = this.tortoise.objects(AuditLog.class).filter("model", "Team").count()
			.retryWhen(reactor.util.retry.Retry.fixedDelay(100, Duration.ofMillis(100))).block();
		long lost = output.getOut().lines().filter((line) -> line.contains("Audit entry not written")).count();
		assertThat(stored + lost).as("each entry stored or reported lost").isEqualTo(TEAMS);
	}

}

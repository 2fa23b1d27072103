package dev.tortoise;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.tortoise.config.TortoiseConfig;
import dev.tortoise.exceptions.OperationalException;
import dev.tortoise.testing.PrivateServer;
import dev.tortoise.testmodels.query.Team;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Faults of the database server itself, on a private server the test starts: a restart
 * under load loses no acknowledged write and the application recovers without a restart of
 * its own; a frozen server makes requests fail cleanly, naming the connection, and the
 * application recovers once the server goes on.
 */
abstract class ServerFaultIntegrationTests {

	PrivateServer server;

	TortoiseContext ctx;

	abstract PrivateServer start();

	@BeforeEach
	void startServer() {
		this.server = start();
		this.ctx = Tortoise.init(TortoiseConfig.builder()
			.connection("default", this.server.url() + "?maxsize=4&statement_timeout=1")
			.app("models", List.of("dev.tortoise.testmodels.query"))
			.build()).block();
		this.ctx.generateSchemas().block();
	}

	@AfterEach
	void stopServer() {
		try {
			if (this.server != null) {
				this.server.thaw();
			}
			if (this.ctx != null) {
				this.ctx.close();
			}
		}
		finally {
			if (this.server != null) {
				this.server.close();
			}
		}
	}

	/** Waits up to 60 seconds for a request to succeed again; the last failure if it never did. */
	private <T> T eventually(Mono<T> request) {
		return request.retryWhen(reactor.util.retry.Retry.fixedDelay(600, Duration.ofMillis(100)))
			.block(Duration.ofSeconds(90));
	}

	@Test
	void aRestartUnderLoadLosesNoAcknowledgedWriteAndRequestsSucceedAgain() {
		Set<String> acknowledged = ConcurrentHashMap.newKeySet();
		AtomicInteger failed = new AtomicInteger();
		AtomicInteger nonOperational = new AtomicInteger();
		Mono<Void> restart = Mono.fromRunnable(this.server::restart).subscribeOn(Schedulers.boundedElastic()).then();
		AtomicInteger started = new AtomicInteger();
		Flux.range(0, 600).flatMap((i) -> {
			Mono<Team> write = this.ctx.create(new Team("w" + i)).doOnNext((t) -> acknowledged.add(t.name));
			// The restart begins once a hundred writes have been sent: the load is on while it happens.
			Mono<Void> maybeRestart = (started.incrementAndGet() == 100) ? restart : Mono.empty();
			return maybeRestart.then(write).onErrorResume((ex) -> {
				failed.incrementAndGet();
				if (!(ex instanceof OperationalException)) {
					nonOperational.incrementAndGet();
				}
				return Mono.empty();
			});
		}, 8).blockLast(Duration.ofMinutes(3));
		assertThat(nonOperational.get()).as("failures during the restart are operational errors").isZero();
		Team after = eventually(this.ctx.create(new Team("after restart")));
		assertThat(after.id).isNotNull();
		List<String> stored = this.ctx.objects(Team.class).values("name").map((row) -> (String) row.get("name"))
			.collectList().block();
		assertThat(stored).as("every acknowledged write is there").containsAll(acknowledged);
		assertThat(acknowledged.size() + failed.get()).isEqualTo(600);
	}

	@Test
	void aFrozenServerFailsRequestsCleanlyAndTheApplicationRecoversWhenItGoesOn() {
		assertThat(this.ctx.objects(Team.class).count().block()).isZero();
		this.server.freeze();
		assertThatThrownBy(() -> this.ctx.objects(Team.class).count().block(Duration.ofSeconds(60)))
			.isInstanceOf(OperationalException.class)
			.hasMessageContaining("connection \"default\"")
			.hasMessageContaining("did not answer");
		this.server.thaw();
		assertThat(eventually(this.ctx.create(new Team("after thaw"))).id).isNotNull();
		assertThat(eventually(this.ctx.objects(Team.class).count())).isEqualTo(1);
		dev.tortoise.testing.TestDatabase.awaitReleased(this.ctx.connections().pool("default"));
	}

}

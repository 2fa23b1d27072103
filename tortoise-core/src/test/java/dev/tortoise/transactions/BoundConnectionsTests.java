package dev.tortoise.transactions;

import java.util.List;

import dev.tortoise.Tortoise;
import dev.tortoise.TortoiseContext;
import dev.tortoise.config.TortoiseConfig;
import dev.tortoise.testing.TestDatabase;
import dev.tortoise.testmodels.query.Team;
import io.r2dbc.spi.Connection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/** Statements join a transaction an outside manager keeps in the Reactor context. */
class BoundConnectionsTests {

	private static final String KEY = "outside-transaction";

	private TortoiseContext ctx;

	@BeforeEach
	void init() {
		BoundConnections outside = (name, pool) -> Mono.deferContextual((c) -> Mono.justOrEmpty(c.getOrEmpty(KEY)));
		this.ctx = Tortoise.init(TortoiseConfig.builder().connection("default", "h2://:memory:")
			.app("models", List.of("dev.tortoise.testmodels.query")).boundConnections(outside).build()).block();
		this.ctx.generateSchemas().block();
	}

	@AfterEach
	void close() {
		this.ctx.close();
	}

	/** Runs work on a connection in a transaction the test owns, then rolls it back. */
	private <T> T inOutsideTransactionRolledBack(java.util.function.Function<Connection, Mono<T>> work) {
		return Mono.usingWhen(Mono.from(this.ctx.connections().get("default").create()),
				(c) -> Mono.from(c.beginTransaction())
					.then(work.apply(c).contextWrite((context) -> context.put(KEY, c)))
					.flatMap((result) -> Mono.from(c.rollbackTransaction()).thenReturn(result)),
				Connection::close)
			.block();
	}

	@Test
	void statementsRunOnTheBoundConnectionAndItsOwnerDecides() {
		long inside = inOutsideTransactionRolledBack((c) -> this.ctx.create(new Team("a"))
			.then(this.ctx.bulkCreate(List.of(new Team("b"), new Team("c"))))
			.then(this.ctx.objects(Team.class).count()));
		assertThat(inside).isEqualTo(3);
		assertThat(this.ctx.objects(Team.class).count().block()).as("rolled back by its owner").isZero();
		TestDatabase.awaitReleased(this.ctx.connections().pool("default"));
	}

	@Test
	void tortoiseTransactionsOnTheBoundConnectionAreSavepoints() {
		long inside = inOutsideTransactionRolledBack((c) -> this.ctx.create(new Team("kept"))
			.then(this.ctx.inTransaction("default", (tx) -> tx.create(new Team("dropped"))
				.then(Mono.error(new IllegalStateException("inner")))).then())
			.onErrorResume(IllegalStateException.class, (ex) -> Mono.empty())
			.then(this.ctx.objects(Team.class).count()));
		assertThat(inside).isEqualTo(1);
		assertThat(this.ctx.objects(Team.class).count().block()).isZero();
	}

	@Test
	void withoutABoundConnectionStatementsUseThePool() {
		this.ctx.create(new Team("pooled")).block();
		assertThat(this.ctx.objects(Team.class).count().block()).isEqualTo(1);
		TestDatabase.awaitReleased(this.ctx.connections().pool("default"));
	}

}

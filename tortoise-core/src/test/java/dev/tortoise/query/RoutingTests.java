package dev.tortoise.query;

import java.util.List;

import dev.tortoise.Tortoise;
import dev.tortoise.TortoiseContext;
import dev.tortoise.config.TortoiseConfig;
import dev.tortoise.exceptions.ConfigurationException;
import dev.tortoise.exceptions.ParamsException;
import dev.tortoise.routing.Router;
import dev.tortoise.testmodels.query.Team;
import dev.tortoise.testmodels.query.Tournament;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Routers, {@code using()} and transaction pinning, on two H2 databases standing for primary and replica. */
class RoutingTests {

	/** Reads of tournaments and writes of teams go to the replica; everything else stays on the default connection. */
	static final class ReplicaRouter implements Router {

		@Override
		public String dbForRead(Class<?> model) {
			return (model == Tournament.class) ? "replica" : null;
		}

		@Override
		public String dbForWrite(Class<?> model) {
			return (model == Team.class) ? "replica" : null;
		}

	}

	private TortoiseContext ctx;

	@BeforeEach
	void start() {
		this.ctx = Tortoise.init(TortoiseConfig.builder()
			.connection("default", "h2://:memory:")
			.connection("replica", "h2://:memory:")
			.app("models", List.of("dev.tortoise.testmodels.query"))
			.router(new ReplicaRouter())
			.build()).block();
		this.ctx.generateSchemas().block();
	}

	@AfterEach
	void stop() {
		this.ctx.close();
	}

	/** The replica gets the same schema: generateSchemas covers the apps' default connections only. */
	private void replicaSchema() {
		String ddl = this.ctx.schemaSql("default", true);
		for (String statement : ddl.split(";\n")) {
			dev.tortoise.testing.Sql.execute(this.ctx.connections().get("replica"), statement.replaceAll(";$", ""));
		}
	}

	@Test
	void readsFollowTheRouterWritesStayOnTheDefault() {
		replicaSchema();
		this.ctx.create(new Tournament("Primary only")).block();
		assertThat(this.ctx.objects(Tournament.class).count().block()).as("routed to the empty replica").isZero();
		assertThat(this.ctx.objects(Tournament.class).using("default").count().block()).isEqualTo(1);
	}

	@Test
	void writesFollowTheRouter() {
		replicaSchema();
		this.ctx.create(new Team("Red")).block();
		assertThat(this.ctx.objects(Team.class).count().block()).as("reads of teams: no router answer").isZero();
		assertThat(this.ctx.objects(Team.class).using("replica").count().block()).isEqualTo(1);
		assertThat(this.ctx.objects(Team.class).using("replica").filter("name", "Red").update(java.util.Map.of("name", "Blue"))
			.block()).isEqualTo(1);
	}

	@Test
	void transactionsPinTheirConnection() {
		replicaSchema();
		Long seen = this.ctx.inTransaction("default", (tx) -> tx.create(new Tournament("In tx"))
			.then(tx.objects(Tournament.class).count())).blockLast();
		assertThat(seen).as("inside the transaction, reads of its connection ignore the router").isEqualTo(1);
		assertThat(this.ctx.objects(Tournament.class).count().block()).isZero();
	}

	@Test
	void inTransactionWithoutANameNeedsASingleConnection() {
		assertThatThrownBy(() -> this.ctx.inTransaction((tx) -> Mono.empty())).isInstanceOf(ParamsException.class)
			.hasMessageContaining("default, replica");
	}

	@Test
	void usingAnUnknownConnectionIsNamed() {
		assertThatThrownBy(() -> this.ctx.objects(Tournament.class).using("nope")).isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("Unknown connection \"nope\"");
	}

}

package dev.tortoise.query;

import java.util.List;

import dev.tortoise.Tortoise;
import dev.tortoise.TortoiseContext;
import dev.tortoise.config.TortoiseConfig;
import dev.tortoise.exceptions.OperationalException;
import dev.tortoise.exceptions.ValidationException;
import dev.tortoise.testing.Sql;
import dev.tortoise.testing.TestDatabase;
import dev.tortoise.testmodels.query.AllTypes;
import dev.tortoise.testmodels.query.Event;
import dev.tortoise.testmodels.query.Kind;
import dev.tortoise.testmodels.query.Team;
import dev.tortoise.testmodels.query.Tournament;
import io.r2dbc.spi.R2dbcException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Statements on borrowed connections: driver errors translated, connections given back, on H2. */
class ExecutorTests {

	private TortoiseContext ctx;

	@BeforeEach
	void start() {
		this.ctx = Tortoise.init(TortoiseConfig.builder()
			.connection("default", "h2://:memory:")
			.app("models", List.of("dev.tortoise.testmodels.query"))
			.build()).block();
		this.ctx.generateSchemas().block();
	}

	@AfterEach
	void stop() {
		this.ctx.close();
	}

	@Test
	void aFailedStatementIsAnOperationalExceptionNamingTheConnection() {
		Sql.execute(this.ctx.connections().get("default"), "DROP TABLE \"team\" CASCADE");
		assertThatThrownBy(() -> this.ctx.objects(Team.class).all().collectList().block())
			.isInstanceOf(OperationalException.class)
			.hasMessageStartingWith("Statement failed on connection \"default\": ")
			.hasCauseInstanceOf(R2dbcException.class);
		TestDatabase.awaitReleased(this.ctx.connections().pool("default"));
	}

	@Test
	void aFailedPrefetchFailsTheQueryTranslatedOnceAndGivesTheConnectionBack() {
		Tournament cup = new Tournament("Cup");
		this.ctx.create(cup).block();
		this.ctx.create(new Event("Final", cup)).block();
		Sql.execute(this.ctx.connections().get("default"), "DROP TABLE \"event_team\"");
		assertThatThrownBy(() -> this.ctx.objects(Event.class).prefetchRelated("participants").all().collectList().block())
			.isInstanceOf(OperationalException.class)
			.hasMessageStartingWith("Statement failed on connection \"default\": ")
			.cause().isInstanceOf(R2dbcException.class);
		TestDatabase.awaitReleased(this.ctx.connections().pool("default"));
	}

	@Test
	void rowsPassStraightThroughAndCancellingGivesTheConnectionBack() {
		for (int i = 0; i < 20; i++) {
			this.ctx.create(new Team("Team " + i)).block();
		}
		StepVerifier.create(this.ctx.objects(Team.class).orderBy("name").all().map((t) -> t.name), 3)
			.expectNext("Team 0", "Team 1", "Team 10")
			.thenCancel()
			.verify();
		TestDatabase.awaitReleased(this.ctx.connections().pool("default"));
		assertThat(this.ctx.objects(Team.class).count().block()).as("the connection still answers").isEqualTo(20);
	}

	@Test
	void aRowThatCannotBeReadFailsTheQueryOnceTheStatementIsReadAndGivesTheConnectionBack() {
		for (int i = 0; i < 5; i++) {
			AllTypes row = new AllTypes();
			row.kind = Kind.SINGLE;
			this.ctx.create(row).block();
		}
		Sql.execute(this.ctx.connections().get("default"),
				"UPDATE \"all_types\" SET \"kind\" = 'QUADRUPLE' WHERE \"id\" = 3");
		assertThatThrownBy(() -> this.ctx.objects(AllTypes.class).orderBy("id").all().collectList().block())
			.isInstanceOf(ValidationException.class)
			.hasMessage("Column kind of AllTypes holds \"QUADRUPLE\", which is not a value of Kind"
					+ " [SINGLE, DOUBLE, TEAM_RELAY]: add it to the enum or correct the row.");
		TestDatabase.awaitReleased(this.ctx.connections().pool("default"));
		assertThat(this.ctx.objects(AllTypes.class).filter("kind", Kind.SINGLE).count().block())
			.as("the connection still answers").isEqualTo(4);
	}

}

package dev.tortoise.query;

import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import dev.tortoise.Tortoise;
import dev.tortoise.TortoiseContext;
import dev.tortoise.config.TortoiseConfig;
import dev.tortoise.models.Apps;
import dev.tortoise.schema.Dialect;
import dev.tortoise.testmodels.rows.Meter;
import dev.tortoise.testmodels.rows.Site;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PersisterTests {

	private static final Apps SCHEMA_MODELS = Tortoise
		.initModels(Map.of("models", List.of("dev.tortoise.testmodels.schema")));

	private static Sql postgres() {
		return new Sql(Dialect.forEngine("postgres"), new ValueCodec("postgres", true, ZoneOffset.UTC));
	}

	@Test
	void aGeneratedKeyGetsAnInsertWithoutItsColumn() {
		Persister.Inserts inserts = Persister.Inserts.of(SCHEMA_MODELS.model("models.Tournament"), PersisterTests::postgres);
		assertThat(inserts.all()).extracting((f) -> f.column()).startsWith("tid");
		assertThat(inserts.allText()).startsWith("INSERT INTO \"tournament\" (\"tid\", ");
		assertThat(inserts.withoutKey()).extracting((f) -> f.column()).doesNotContain("tid")
			.hasSize(inserts.all().size() - 1);
		assertThat(inserts.withoutKeyText()).startsWith("INSERT INTO \"tournament\" (\"name\"")
			.doesNotContain("\"tid\"")
			.endsWith("$" + inserts.withoutKey().size() + ")");
	}

	@Test
	void aKeyThatIsNotGeneratedIsAlwaysInserted() {
		Persister.Inserts inserts = Persister.Inserts.of(SCHEMA_MODELS.model("models.Team"), PersisterTests::postgres);
		assertThat(inserts.withoutKey()).isEqualTo(inserts.all());
		assertThat(inserts.withoutKeyText()).isNull();
		assertThat(inserts.allText()).contains("\"name\"");
	}

	@Test
	void createWritesEachModelsInsertOnceAndKeepsAKeyGivenByHand() {
		TortoiseContext ctx = Tortoise.init(TortoiseConfig.builder()
			.connection("default", "h2://:memory:")
			.app("rows", List.of("dev.tortoise.testmodels.rows"))
			.build()).block();
		try {
			ctx.generateSchemas().block();
			QueryEngine engine = ctx.objects(Site.class).engine;
			Site north = new Site();
			north.name = "North";
			ctx.create(north).block();
			Persister.Inserts first = engine.inserts(ctx.meta(Site.class), "default");
			Site south = new Site();
			south.id = 40L;
			south.name = "South";
			ctx.create(south).block();
			Meter meter = new Meter();
			meter.site = north;
			ctx.create(meter).block();
			assertThat(engine.inserts(ctx.meta(Site.class), "default")).isSameAs(first);
			assertThat(north.id).isNotNull().isNotEqualTo(40L);
			assertThat(south.id).isEqualTo(40L);
			assertThat(meter.id).isNotNull();
			assertThat(ctx.objects(Site.class).orderBy("id").all().map((s) -> s.id + " " + s.name).collectList().block())
				.containsExactly(north.id + " North", "40 South");
			assertThat(ctx.objects(Meter.class).get().block().site.id).isEqualTo(north.id);
		}
		finally {
			ctx.close();
		}
	}

}

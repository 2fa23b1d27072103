package dev.tortoise.query;

import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import dev.tortoise.Tortoise;
import dev.tortoise.TortoiseContext;
import dev.tortoise.config.TortoiseConfig;
import dev.tortoise.models.Apps;
import dev.tortoise.models.ModelMeta;
import dev.tortoise.query.sql.Context;
import dev.tortoise.schema.Dialect;
import dev.tortoise.testmodels.rows.Meter;
import dev.tortoise.testmodels.rows.Site;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PersisterTests {

	private static final Apps SCHEMA_MODELS = Tortoise
		.initModels(Map.of("models", List.of("dev.tortoise.testmodels.schema")));

	private static Persister.Inserts inserts(String model) {
		Dialect postgres = Dialect.forEngine("postgres");
		ModelMeta<?> meta = SCHEMA_MODELS.model(model);
		return Persister.Inserts.of(meta, (columns) -> Context.render(postgres, Persister.insertTree(meta, columns, 1)));
	}

	@Test
	void aGeneratedKeyGetsAnInsertWithoutItsColumn() {
		Persister.Inserts inserts = inserts("models.Tournament");
		assertThat(inserts.all()).extracting((f) -> f.column()).startsWith("tid");
		assertThat(inserts.allStatement().text()).startsWith("INSERT INTO \"tournament\" (\"tid\", ");
		assertThat(inserts.withoutKey()).extracting((f) -> f.column()).doesNotContain("tid")
			.hasSize(inserts.all().size() - 1);
		assertThat(inserts.withoutKeyStatement().text()).startsWith("INSERT INTO \"tournament\" (\"name\"")
			.doesNotContain("\"tid\"")
			.endsWith("$" + inserts.withoutKey().size() + ")");
	}

	@Test
	void bulkBatchesKeepUnderTheRowCountAndTheServersStatementSize() {
		Apps rows = Tortoise.initModels(Map.of("rows", List.of("dev.tortoise.testmodels.rows")));
		@SuppressWarnings("unchecked")
		ModelMeta<Site> meta = (ModelMeta<Site>) rows.model("rows.Site");
		List<dev.tortoise.models.FieldMeta> columns = List.of(meta.field("name"));
		List<Site> sites = java.util.stream.IntStream.range(0, 10).mapToObj((i) -> {
			Site site = new Site();
			site.name = (i == 7) ? "é".repeat(600) : "x".repeat(92); // 100 bytes a row; row 7: 1,208
			return site;
		}).toList();
		assertThat(Persister.batches(sites, columns, 4, Long.MAX_VALUE)).extracting(List::size).containsExactly(4, 4, 2);
		// 400 bytes of statement: 300 for values, three rows of 100 bytes.
		assertThat(Persister.batches(sites, columns, 1000, 400)).extracting(List::size).containsExactly(3, 3, 1, 1, 2);
		assertThat(Persister.batches(sites, columns, 2, 400)).extracting(List::size).containsExactly(2, 2, 2, 1, 1, 2);
	}

	@Test
	void aKeyThatIsNotGeneratedIsAlwaysInserted() {
		Persister.Inserts inserts = inserts("models.Team");
		assertThat(inserts.withoutKey()).isEqualTo(inserts.all());
		assertThat(inserts.withoutKeyStatement()).isNull();
		assertThat(inserts.allStatement().text()).contains("\"name\"");
	}

	/** A context of the rows models on an in-memory H2 database, its schema generated. */
	private static TortoiseContext rows() {
		TortoiseContext ctx = Tortoise.init(TortoiseConfig.builder()
			.connection("default", "h2://:memory:")
			.app("rows", List.of("dev.tortoise.testmodels.rows"))
			.build()).block();
		ctx.generateSchemas().block();
		return ctx;
	}

	@Test
	void createWritesEachModelsInsertOnceAndKeepsAKeyGivenByHand() {
		TortoiseContext ctx = rows();
		try {
			Persister persister = new Persister(ctx.objects(Site.class).engine);
			Site north = new Site();
			north.name = "North";
			ctx.create(north).block();
			Persister.Inserts first = persister.inserts(ctx.meta(Site.class), "default");
			Site south = new Site();
			south.id = 40L;
			south.name = "South";
			ctx.create(south).block();
			Meter meter = new Meter();
			meter.site = north;
			ctx.create(meter).block();
			assertThat(persister.inserts(ctx.meta(Site.class), "default")).isSameAs(first);
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


	@Test
	void aPartialSaveWritesEachFieldSetsUpdateOnce() {
		TortoiseContext ctx = rows();
		try {
			Engine engine = ctx.objects(Site.class).engine;
			Site site = new Site();
			site.name = "North";
			ctx.create(site).block();
			int before = engine.statements().size();
			site.name = "East";
			ctx.save(site, "name").block();
			int cached = engine.statements().size();
			assertThat(cached).as("the field set's UPDATE, kept").isEqualTo(before + 1);
			for (String name : List.of("South", "West")) {
				site.name = name;
				ctx.save(site, "name").block();
			}
			assertThat(engine.statements().size()).as("the same field set, the same text").isEqualTo(cached);
			assertThat(ctx.objects(Site.class).get().block().name).isEqualTo("West");
			Site gone = new Site();
			gone.id = 999L;
			gone.name = "Nowhere";
			org.assertj.core.api.Assertions.assertThatThrownBy(() -> ctx.save(gone, "name").block())
				.isInstanceOf(dev.tortoise.exceptions.IntegrityException.class).hasMessageContaining("999");
		}
		finally {
			ctx.close();
		}
	}

}

package dev.tortoise.query;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.tortoise.Tortoise;
import dev.tortoise.TortoiseContext;
import dev.tortoise.config.TortoiseConfig;
import dev.tortoise.exceptions.ConfigurationException;
import dev.tortoise.exceptions.ValidationException;
import dev.tortoise.testing.Sql;
import dev.tortoise.testing.TestDatabase;
import dev.tortoise.testmodels.postgres.Listing;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tortoise's PostgreSQL contrib fields, ArrayField and TSVectorField, on a real PostgreSQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresContribFieldsIntegrationTests {

	private TestDatabase db;

	private TortoiseContext ctx;

	@BeforeAll
	void start() {
		this.db = TestDatabase.postgres("contrib");
		this.ctx = Tortoise.init(TortoiseConfig.builder().connection("default", this.db.url())
			.app("models", List.of("dev.tortoise.testmodels.postgres")).build()).block();
		this.ctx.generateSchemas().block();
	}

	@AfterAll
	void stop() {
		TestDatabase.closeAll(this.ctx, this.db);
	}

	@BeforeEach
	void clean() {
		this.ctx.objects(Listing.class).delete().block();
	}

	@Test
	void columnsAreTortoisesTypes() {
		List<Map<String, Object>> columns = Sql.query(this.db.admin(), "SELECT column_name, udt_name FROM"
				+ " information_schema.columns WHERE table_schema = '" + this.db.name() + "' AND table_name = 'listing'");
		Map<String, Object> types = new java.util.HashMap<>();
		columns.forEach((c) -> types.put((String) c.get("column_name"), c.get("udt_name")));
		assertThat(types).containsEntry("scores", "_int4").containsEntry("tags", "_text").containsEntry("codes", "_varchar")
			.containsEntry("owners", "_uuid").containsEntry("search", "tsvector");
		assertThat(this.ctx.schemaSql("default", false)).contains("\"scores\" INT[] NOT NULL")
			.contains("\"codes\" VARCHAR(36)[]").contains("\"search\" TSVECTOR")
			.contains("USING GIN (\"search\")");
	}

	@Test
	void arraysRoundTripAsListsOrArrays() {
		Listing l = new Listing();
		l.scores = List.of(3, 1, 2);
		l.tags = new String[] { "red", "it's", "" };
		l.codes = List.of();
		UUID owner = UUID.randomUUID();
		l.owners = List.of(owner);
		this.ctx.create(l).block();
		Listing r = this.ctx.objects(Listing.class).get().block();
		assertThat(r.scores).containsExactly(3, 1, 2);
		assertThat(r.tags).containsExactly("red", "it's", "");
		assertThat(r.codes).isEmpty();
		assertThat(r.owners).containsExactly(owner);
		r.scores = List.of(9);
		this.ctx.save(r).block();
		assertThat(this.ctx.objects(Listing.class).get().block().scores).containsExactly(9);
	}

	@Test
	void arraysAndVectorsOtherWritersStoreReadBack() {
		Sql.execute(this.db.admin(), "INSERT INTO \"" + this.db.name() + "\".listing (scores, tags, search)"
				+ " VALUES ('{5,6}', ARRAY['x','y'], to_tsvector('simple', 'The fat cats'))");
		Listing r = this.ctx.objects(Listing.class).get().block();
		assertThat(r.scores).containsExactly(5, 6);
		assertThat(r.tags).containsExactly("x", "y");
		assertThat(r.search).isEqualTo("'cats':3 'fat':2 'the':1");
	}

	@Test
	void vectorsAreWrittenAsTextPostgresParses() {
		Listing l = new Listing();
		l.scores = List.of();
		l.search = "a fat cat sat";
		this.ctx.create(l).block();
		assertThat(this.ctx.objects(Listing.class).get().block().search).isEqualTo("'a' 'cat' 'fat' 'sat'");
	}

	@Test
	void searchMatchesTheWordsOfAVector() {
		Listing l = new Listing();
		l.scores = List.of();
		l.search = "fat cats sat";
		this.ctx.create(l).block();
		assertThat(this.ctx.objects(Listing.class).filter("search__search", "fat").count().block()).isEqualTo(1);
		assertThat(this.ctx.objects(Listing.class).filter("search__search", "dog").count().block()).isZero();
	}

	@Test
	void anElementOfAnotherTypeIsRefusedBeforeAnySql() {
		Listing l = new Listing();
		@SuppressWarnings({ "unchecked", "rawtypes" })
		List<Integer> mixed = (List) List.of(1, "two");
		l.scores = mixed;
		assertThatThrownBy(() -> this.ctx.create(l).block()).isInstanceOf(ValidationException.class)
			.hasMessageContaining("scores").hasMessageContaining("element 1 is a String");
		assertThat(this.ctx.objects(Listing.class).count().block()).isZero();
	}

	@Test
	void anotherDatabaseIsRefusedAtInitNamingTheFieldAndTheConnection() {
		assertThatThrownBy(() -> Tortoise.init(TortoiseConfig.builder().connection("default", "h2://:memory:")
			.app("models", List.of("dev.tortoise.testmodels.postgres")).build()).block())
			.isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("Field Listing.scores is an ArrayField, which h2 does not have")
			.hasMessageContaining("on connection \"default\"");
	}

	@dev.tortoise.models.Model
	static class WrongElements {

		Integer id;

		@dev.tortoise.fields.ArrayField
		List<String> scores;

	}

	@dev.tortoise.models.Model
	static class UnknownElement {

		Integer id;

		@dev.tortoise.fields.ArrayField(elementType = "geometry")
		List<Object> shapes;

	}

	@Test
	void elementTypesAreCheckedAgainstTheDeclaration() {
		assertThatThrownBy(() -> Tortoise.initModels(Map.of("models", List.of(WrongElements.class.getName()))))
			.isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("is an @ArrayField of int, whose elements are Integers, but it is declared"
					+ " java.util.List<java.lang.String>. Declare it List<Integer> or Integer[].");
		assertThatThrownBy(() -> Tortoise.initModels(Map.of("models", List.of(UnknownElement.class.getName()))))
			.isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("elementType \"geometry\", which is not one we bind");
	}

}

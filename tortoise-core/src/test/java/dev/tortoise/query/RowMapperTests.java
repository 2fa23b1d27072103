package dev.tortoise.query;

import java.util.Comparator;
import java.util.List;

import dev.tortoise.Tortoise;
import dev.tortoise.TortoiseContext;
import dev.tortoise.config.TortoiseConfig;
import dev.tortoise.testmodels.rows.Meter;
import dev.tortoise.testmodels.rows.Site;
import io.r2dbc.spi.Connection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rows of H2 in memory, written by hand so that they hold what Tortoise would not write
 * (NULL under a primitive), mapped into instances.
 */
class RowMapperTests {

	private TortoiseContext ctx;

	@BeforeEach
	void setUp() {
		this.ctx = Tortoise.init(TortoiseConfig.builder()
			.connection("default", "h2://:memory:")
			.app("rows", List.of("dev.tortoise.testmodels.rows"))
			.build()).block();
		this.ctx.generateSchemas().block();
		execute("INSERT INTO \"site\" (\"id\", \"name\") VALUES (7, 'North')",
				"INSERT INTO \"meter\" (\"id\", \"reading\", \"site_id\") VALUES (1, NULL, 7)",
				"INSERT INTO \"meter\" (\"id\", \"reading\", \"site_id\") VALUES (2, 42, NULL)");
	}

	@AfterEach
	void tearDown() {
		this.ctx.close();
	}

	private void execute(String... statements) {
		Flux.usingWhen(this.ctx.connections().get("default").create(), (Connection c) -> Flux.fromArray(statements)
			.concatMap((s) -> Flux.from(c.createStatement(s).execute()).flatMap((r) -> r.getRowsUpdated())),
				Connection::close)
			.blockLast();
	}

	private List<Meter> meters() {
		return this.ctx.objects(Meter.class).orderBy("id").all().collectList().block();
	}

	@Test
	void aPrimitiveOverNullKeepsItsDefaultAndAValueIsSet() {
		List<Meter> meters = meters();
		assertThat(meters).extracting((m) -> m.id).containsExactly(1L, 2L);
		// The field initialiser's -1: NULL leaves the primitive as the constructor made it.
		assertThat(meters.get(0).reading).isEqualTo(-1);
		assertThat(meters.get(1).reading).isEqualTo(42);
	}

	@Test
	void aRelationIsAStubHoldingOnlyItsKeyOrNullForNull() {
		List<Meter> meters = meters();
		Site stub = meters.get(0).site;
		assertThat(stub).isNotNull();
		assertThat(stub.id).isEqualTo(7L);
		assertThat(stub.name).isNull();
		assertThat(meters.get(1).site).isNull();
	}

	@Test
	void containersStartUnfetchedAndSelectedRelationsOfAMissingRowAreNull() {
		Site site = this.ctx.objects(Site.class).get().block();
		assertThat(site.name).isEqualTo("North");
		assertThat(site.meters).isNotNull();
		assertThat(site.meters.isFetched()).isFalse();
		List<Meter> joined = this.ctx.objects(Meter.class).selectRelated("site").all().collectList().block();
		joined.sort(Comparator.comparing((Meter m) -> m.id));
		assertThat(joined.get(0).site.name).isEqualTo("North");
		assertThat(joined.get(0).site.meters.isFetched()).isFalse();
		// The outer join found no site: its columns are all NULL, and no empty Site is made.
		assertThat(joined.get(1).site).isNull();
	}

	@Test
	void prefetchedRowsOfTheSameKeyAreOneInstance() {
		execute("INSERT INTO \"meter\" (\"id\", \"reading\", \"site_id\") VALUES (3, 5, 7)");
		List<Meter> meters = this.ctx.objects(Meter.class).filter("site_id", 7L).prefetchRelated("site").all()
			.collectList().block();
		assertThat(meters).hasSize(2);
		assertThat(meters.get(0).site).isSameAs(meters.get(1).site);
		assertThat(meters.get(0).site.name).isEqualTo("North");
	}

}

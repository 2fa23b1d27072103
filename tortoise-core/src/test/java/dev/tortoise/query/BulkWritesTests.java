package dev.tortoise.query;

import java.util.List;
import java.util.Map;

import dev.tortoise.Tortoise;
import dev.tortoise.TortoiseContext;
import dev.tortoise.config.TortoiseConfig;
import dev.tortoise.testmodels.rows.Meter;
import dev.tortoise.testmodels.rows.Site;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A query set's UPDATE and DELETE: written once per shape and bound per call, so that calls
 * differing only in their values share one text, while each still changes just its rows.
 */
class BulkWritesTests {

	private TortoiseContext ctx;

	private Engine engine;

	@BeforeEach
	void start() {
		this.ctx = Tortoise.init(TortoiseConfig.builder().connection("default", "h2://:memory:")
			.app("rows", List.of("dev.tortoise.testmodels.rows")).build()).block();
		this.ctx.generateSchemas().block();
		this.engine = this.ctx.objects(Site.class).engine;
		for (String name : List.of("North", "South", "East")) {
			Site site = new Site();
			site.name = name;
			this.ctx.create(site).block();
			Meter meter = new Meter();
			meter.site = site;
			meter.reading = 10;
			this.ctx.create(meter).block();
		}
	}

	@AfterEach
	void stop() {
		this.ctx.close();
	}

	private int cached() {
		return this.engine.statements().size();
	}

	@Test
	void updatesOfOneShapeShareOneTextAndChangeOnlyTheirRows() {
		int before = cached();
		assertThat(this.ctx.objects(Site.class).filter("name", "North").update(Map.of("name", "N")).block()).isEqualTo(1);
		int once = cached();
		assertThat(once).isEqualTo(before + 1);
		assertThat(this.ctx.objects(Site.class).filter("name", "South").update(Map.of("name", "S")).block()).isEqualTo(1);
		assertThat(cached()).as("other values, the same text").isEqualTo(once);
		assertThat(this.ctx.objects(Site.class).orderBy("id").valuesListFlat("name").collectList().block())
			.containsExactly("N", "S", "East");

		// An expression is part of the shape; its numbers are values.
		this.ctx.objects(Meter.class).filter("site__name", "N").update(Map.of("reading", F.of("reading").plus(1))).block();
		int expression = cached();
		this.ctx.objects(Meter.class).filter("site__name", "S").update(Map.of("reading", F.of("reading").plus(5))).block();
		assertThat(cached()).isEqualTo(expression);
		assertThat(this.ctx.objects(Meter.class).orderBy("id").valuesListFlat("reading").collectList().block())
			.containsExactly(11, 15, 10);
	}

	@Test
	void deletesOfOneShapeShareOneTextIncludingPagedOnes() {
		int before = cached();
		assertThat(this.ctx.objects(Meter.class).filter("reading__gt", 100).delete().block()).isZero();
		assertThat(this.ctx.objects(Meter.class).filter("reading__gt", 5).orderBy("-id").limit(1).delete().block())
			.isEqualTo(1);
		int paged = cached();
		assertThat(paged).isEqualTo(before + 2);
		assertThat(this.ctx.objects(Meter.class).filter("reading__gt", 5).orderBy("-id").limit(1).delete().block())
			.isEqualTo(1);
		assertThat(cached()).isEqualTo(paged);
		assertThat(this.ctx.objects(Meter.class).count().block()).isEqualTo(1);
		assertThat(this.ctx.objects(Meter.class).get().block().site.id)
			.isEqualTo(this.ctx.objects(Site.class).filter("name", "North").get().block().id);
	}

}

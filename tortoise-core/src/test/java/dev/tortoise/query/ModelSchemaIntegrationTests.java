package dev.tortoise.query;

import java.util.List;

import dev.tortoise.Tortoise;
import dev.tortoise.TortoiseContext;
import dev.tortoise.config.TortoiseConfig;
import dev.tortoise.testing.Sql;
import dev.tortoise.testing.TestDatabase;
import dev.tortoise.testmodels.schemas.Customer;
import dev.tortoise.testmodels.schemas.Label;
import dev.tortoise.testmodels.schemas.Purchase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @Model(schema)}, Tortoise's Meta.schema: the table, its foreign keys, indexes and
 * through table live in the named schema (PostgreSQL) or database (MariaDB), and every
 * statement names it.
 */
class ModelSchemaIntegrationTests {

	private static final String SCHEMA = "tortoise_sales";

	@Test
	void postgresKeepsTheModelInItsSchema() {
		try (TestDatabase db = TestDatabase.postgres("schemas")) {
			Sql.execute(db.admin(), "CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
			try {
				exercise(db.url(), db);
				assertThat(Sql.column(db.admin(), "SELECT table_name FROM information_schema.tables WHERE table_schema = '"
						+ SCHEMA + "' ORDER BY table_name")).containsExactly("customer", "customer_label");
				assertThat(Sql.column(db.admin(), "SELECT obj_description('" + SCHEMA + ".customer'::regclass, 'pg_class')"))
					.containsExactly("Customers");
			}
			finally {
				Sql.execute(db.admin(), "DROP SCHEMA " + SCHEMA + " CASCADE");
			}
		}
	}

	@Test
	void mariaDbKeepsTheModelInItsDatabase() {
		try (TestDatabase db = TestDatabase.mysql("schemas")) {
			Sql.execute(db.admin(), "CREATE DATABASE IF NOT EXISTS " + SCHEMA + " CHARACTER SET utf8mb4");
			try {
				exercise(db.url(), db);
				assertThat(Sql.column(db.admin(), "SELECT table_name FROM information_schema.tables WHERE table_schema = '"
						+ SCHEMA + "' ORDER BY table_name")).containsExactly("customer", "customer_label");
			}
			finally {
				// The test database's own tables point into it: they go first.
				Sql.execute(db.admin(), "DROP TABLE IF EXISTS `" + db.name() + "`.purchase", "DROP DATABASE " + SCHEMA);
			}
		}
	}

	private static void exercise(String url, TestDatabase db) {
		TortoiseContext ctx = Tortoise.init(TortoiseConfig.builder().connection("default", url)
			.app("models", List.of("dev.tortoise.testmodels.schemas")).build()).block();
		try {
			ctx.generateSchemas(true).block();
			ctx.generateSchemas(true).block();
			assertThat(ctx.schemaSql("default", true)).contains(qualified(db, "customer"));
			Customer ann = new Customer();
			ann.name = "Ann";
			ctx.create(ann).block();
			Label vip = new Label();
			vip.text = "vip";
			ctx.create(vip).block();
			Purchase p = new Purchase();
			p.amount = 5;
			p.customer = ann;
			ctx.create(p).block();
			ctx.m2m(ann, "labels").add(vip).block();
			assertThat(ctx.objects(Purchase.class).filter("customer__name", "Ann").count().block())
				.as("a join into the other schema").isEqualTo(1);
			assertThat(ctx.objects(Customer.class).filter("labels__text", "vip").count().block()).isEqualTo(1);
			Customer read = ctx.objects(Customer.class).prefetchRelated("labels", "purchases").get().block();
			assertThat(read.labels.list()).extracting((l) -> l.text).containsExactly("vip");
			assertThat(read.purchases.list()).extracting((x) -> x.amount).containsExactly(5);
			ann.name = "Anna";
			ctx.save(ann).block();
			assertThat(ctx.objects(Customer.class).filter("name", "Anna").exists().block()).isTrue();
			ctx.objects(Customer.class).filter("name", "Anna").update(java.util.Map.of("name", "Anne")).block();
			ctx.m2m(ann, "labels").clear().block();
			ctx.objects(Purchase.class).delete().block();
			ctx.delete(ann).block();
			assertThat(ctx.objects(Customer.class).count().block()).isZero();
		}
		finally {
			ctx.close();
		}
	}

	private static String qualified(TestDatabase db, String table) {
		String q = db.engine().equals("mysql") ? "`" : "\"";
		return q + SCHEMA + q + "." + q + table + q;
	}

}

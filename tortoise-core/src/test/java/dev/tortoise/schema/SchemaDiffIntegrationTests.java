package dev.tortoise.schema;

import java.util.List;

import dev.tortoise.Tortoise;
import dev.tortoise.TortoiseContext;
import dev.tortoise.config.TortoiseConfig;
import dev.tortoise.testing.Sql;
import dev.tortoise.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code ctx.schemaDiff}: the models against each real database's catalog. Empty right after
 * generation; a column or table removed by hand comes back as the DDL that restores it; a
 * column the models lack is a destructive drop; each diff applied leaves an empty one.
 */
class SchemaDiffIntegrationTests {

	private static void exercise(String url, String engine, java.util.function.Consumer<String> sql) {
		TortoiseContext ctx = Tortoise.init(TortoiseConfig.builder().connection("default", url)
			.app("models", List.of("dev.tortoise.testmodels.clock")).build()).block();
		try {
			ctx.generateSchemas(true).block();
			assertThat(ctx.schemaDiff("default").block().isEmpty()).as("right after generation").isTrue();
			Dialect d = Dialect.forEngine(engine);

			sql.accept("ALTER TABLE " + d.quote("stamp") + " DROP COLUMN " + d.quote("at"));
			SchemaDiff missing = ctx.schemaDiff("default").block();
			assertThat(missing.statements()).singleElement().asString()
				.startsWith("ALTER TABLE " + d.quote("stamp") + " ADD COLUMN " + d.quote("at"));
			assertThat(missing.destructive()).isEmpty();
			missing.statements().forEach(sql);
			assertThat(ctx.schemaDiff("default").block().isEmpty()).as("the column restored").isTrue();

			sql.accept("ALTER TABLE " + d.quote("stamp") + " ADD COLUMN " + d.quote("legacy") + " INT");
			SchemaDiff extra = ctx.schemaDiff("default").block();
			assertThat(extra.destructive()).containsExactly(
					"ALTER TABLE " + d.quote("stamp") + " DROP COLUMN " + d.quote("legacy") + ";");
			extra.statements().forEach(sql);
			assertThat(ctx.schemaDiff("default").block().isEmpty()).isTrue();

			sql.accept("DROP TABLE " + d.quote("stamp"));
			SchemaDiff table = ctx.schemaDiff("default").block();
			assertThat(table.statements()).first().asString().startsWith("CREATE TABLE " + d.quote("stamp"));
			table.statements().forEach(sql);
			assertThat(ctx.schemaDiff("default").block().isEmpty()).as("the table recreated").isTrue();

			// A NOT NULL column without a default cannot be added to a table with rows.
			dev.tortoise.testmodels.clock.Stamp row = new dev.tortoise.testmodels.clock.Stamp();
			row.label = "kept";
			ctx.create(row).block();
			sql.accept("ALTER TABLE " + d.quote("stamp") + " DROP COLUMN " + d.quote("label"));
			SchemaDiff unsafe = ctx.schemaDiff("default").block();
			assertThat(unsafe.statements()).singleElement().asString().contains("ADD COLUMN " + d.quote("label"));
			assertThat(unsafe.problems()).singleElement().asString().contains("Column \"label\" of table \"stamp\"")
				.contains("Stamp.label").contains("defaultValue").contains("nullable = true");
			assertThatThrownBy(() -> unsafe.writeMigration(java.nio.file.Files.createTempDirectory("migrations"), "x", true))
				.isInstanceOf(dev.tortoise.exceptions.ParamsException.class).hasMessageContaining("\"label\"");
			sql.accept("DELETE FROM " + d.quote("stamp"));
			SchemaDiff empty = ctx.schemaDiff("default").block();
			if (d.addsRequiredColumns()) {
				assertThat(empty.problems()).as("no rows, no problem").isEmpty();
				empty.statements().forEach(sql);
				assertThat(ctx.schemaDiff("default").block().isEmpty()).isTrue();
			}
			else {
				assertThat(empty.problems()).as("SQLite cannot, even on an empty table").singleElement().asString()
					.contains("sqlite cannot add");
			}
		}
		finally {
			ctx.close();
		}
	}

	/** How a test changes a database by hand: its URL, engine and a way to run SQL on it. */
	interface Exercise {

		void run(String url, String engine, java.util.function.Consumer<String> sql);

	}

	static void on(String engine, Exercise exercise) {
		switch (engine) {
			case "postgres" -> {
				try (TestDatabase db = TestDatabase.postgres("diff")) {
					exercise.run(db.url(), engine,
							(s) -> Sql.execute(db.admin(), "SET search_path TO \"" + db.name() + "\"; " + s));
				}
			}
			case "mysql" -> {
				try (TestDatabase db = TestDatabase.mysql("diff")) {
					exercise.run(db.url(), engine, (s) -> Sql.execute(db.admin(), "USE `" + db.name() + "`; " + s));
				}
			}
			case "sqlite" -> {
				try (TestDatabase db = TestDatabase.sqlite("diff")) {
					exercise.run(db.url(), engine, (s) -> Sql.execute(db.admin(), s));
				}
			}
			default -> {
				String url = "h2://mem:diff_" + Long.toHexString(System.nanoTime()) + "?DB_CLOSE_DELAY=-1";
				TortoiseContext admin = Tortoise.init(TortoiseConfig.builder().connection("default", url)
					.app("models", List.of("dev.tortoise.testmodels.empty")).build()).block();
				try {
					exercise.run(url, engine, (s) -> Sql.execute(admin.connections().get("default"), s));
				}
				finally {
					admin.close();
				}
			}
		}
	}

	@org.junit.jupiter.params.ParameterizedTest
	@org.junit.jupiter.params.provider.ValueSource(strings = { "postgres", "mysql", "sqlite", "h2" })
	void tablesAndColumnsComeBackAsTheDdlThatRestoresThem(String engine) {
		on(engine, SchemaDiffIntegrationTests::exercise);
	}

	/** Every field type, index kind, unique-together and through table reads back as what the models say. */
	@org.junit.jupiter.params.ParameterizedTest
	@org.junit.jupiter.params.provider.ValueSource(strings = { "postgres", "mysql", "sqlite", "h2" })
	void everyFieldTypeIsUpToDateRightAfterGeneration(String engine) {
		List<String> packages = new java.util.ArrayList<>(List.of("dev.tortoise.testmodels.query",
				"dev.tortoise.testmodels.schema"));
		if (engine.equals("postgres")) {
			packages.add("dev.tortoise.testmodels.postgres");
		}
		for (String models : packages) {
			on(engine, (url, e, sql) -> {
				TortoiseContext ctx = Tortoise.init(TortoiseConfig.builder().connection("default", url)
					.app("models", List.of(models)).build()).block();
				try {
					ctx.generateSchemas(false).block();
					assertThat(ctx.schemaDiff("default").block().statements()).as(models).isEmpty();
				}
				finally {
					ctx.close();
				}
			});
		}
	}

}

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
		generated(url, "dev.tortoise.testmodels.clock", (ctx) -> {
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
		});
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
				generated(url, models, (ctx) -> {
					assertThat(ctx.schemaDiff("default").block().statements()).as(models).isEmpty();
				});
			});
		}
	}


	/**
	 * Ten model versions (columns added, a foreign key, a rename, a through table, an index,
	 * a unique-together, defaults, a column dropped, a new table) applied one diff at a time to
	 * an empty database give the catalog that generating the last version gives, with a row
	 * written by the first version still there.
	 */
	@org.junit.jupiter.params.ParameterizedTest
	@org.junit.jupiter.params.provider.ValueSource(strings = { "postgres", "mysql", "sqlite", "h2" })
	void aChainOfTenMigrationsGivesTheCatalogOfTheLastModels(String engine) {
		List<String> chained = new java.util.ArrayList<>();
		on(engine, (url, e, sql) -> {
			Dialect d = Dialect.forEngine(engine);
			for (int n = 1; n <= 10; n++) {
				TortoiseContext ctx = chainVersion(url, n);
				try {
					SchemaDiff diff = ctx.schemaDiff("default").block();
					assertThat(diff.problems()).as("version %d", n).isEmpty();
					assertThat(diff.isEmpty()).as("version %d changes something", n).isFalse();
					assertThat(diff.destructive().isEmpty()).as("only version 9 drops").isEqualTo(n != 9);
					diff.statements().forEach(sql);
					assertThat(ctx.schemaDiff("default").block().statements()).as("version %d applied", n).isEmpty();
					if (n == 1) {
						sql.accept("INSERT INTO " + d.quote("item") + " (" + d.quote("title") + ") VALUES ('kept')");
					}
					if (n == 10) {
						assertThat(ctx.executeQuery("default", "SELECT " + d.quote("name") + ", " + d.quote("stock")
								+ " FROM " + d.quote("item")).collectList().block())
							.singleElement().satisfies((row) -> {
								assertThat(row.values()).extracting(String::valueOf).containsExactly("kept", "0");
							});
						chained.addAll(catalog(ctx, d));
					}
				}
				finally {
					ctx.close();
				}
			}
		});
		on(engine, (url, e, sql) -> {
			TortoiseContext ctx = chainVersion(url, 10);
			try {
				ctx.generateSchemas(false).block();
				assertThat(chained).containsExactlyElementsOf(catalog(ctx, Dialect.forEngine(engine)))
					.anyMatch((line) -> line.startsWith("index item uid_")).anyMatch((line) -> line.startsWith("shelf note"))
					.noneMatch((line) -> line.contains("price"));
			}
			finally {
				ctx.close();
			}
		});
	}

	/**
	 * A column's type, nullability and default changed by hand come back as the ALTERs that
	 * restore them: widening and dropping NOT NULL are safe, narrowing is destructive, NOT NULL over
	 * NULLs is refused naming the way out; SQLite, which alters no column, names the rebuild.
	 */
	@org.junit.jupiter.params.ParameterizedTest
	@org.junit.jupiter.params.provider.ValueSource(strings = { "postgres", "mysql", "sqlite", "h2" })
	void typesNullabilityAndDefaultsComeBackAsAlters(String engine) {
		on(engine, (url, e, sql) -> {
			generated(url, "dev.tortoise.testmodels.clock", (ctx) -> {
				Dialect d = Dialect.forEngine(engine);
				String stamp = d.quote("stamp");
				String label = d.quote("label");
				if (engine.equals("sqlite")) {
					sql.accept("DROP TABLE " + stamp);
					sql.accept("CREATE TABLE " + stamp + " (" + d.quote("id") + " INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, "
							+ label + " VARCHAR(10), " + d.quote("at") + " TIMESTAMP, " + d.quote("touched")
							+ " TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)");
					assertThat(ctx.schemaDiff("default").block().problems()).singleElement().asString()
						.contains("Column \"label\" of table \"stamp\" (field Stamp.label) changes its type from VARCHAR(10) to"
								+ " VARCHAR(20) and becomes NOT NULL").contains("sqlite cannot").contains("rebuild");
					return;
				}
				sql.accept(switch (engine) {
					case "mysql" -> "ALTER TABLE " + stamp + " MODIFY " + label + " VARCHAR(10) NULL";
					case "postgres" -> "ALTER TABLE " + stamp + " ALTER COLUMN " + label + " TYPE VARCHAR(10), ALTER COLUMN "
							+ label + " DROP NOT NULL";
					default -> "ALTER TABLE " + stamp + " ALTER COLUMN " + label + " SET DATA TYPE VARCHAR(10)";
				});
				if (engine.equals("h2")) {
					sql.accept("ALTER TABLE " + stamp + " ALTER COLUMN " + label + " DROP NOT NULL");
				}
				sql.accept("INSERT INTO " + stamp + " (" + label + ", " + d.quote("touched") + ") VALUES (NULL, CURRENT_TIMESTAMP)");
				SchemaDiff nulls = ctx.schemaDiff("default").block();
				assertThat(nulls.statements()).isNotEmpty().allMatch((s) -> s.contains(label));
				assertThat(nulls.destructive()).as("widening keeps every value").isEmpty();
				assertThat(nulls.problems()).singleElement().asString()
					.contains("Column \"label\" of table \"stamp\" (field Stamp.label) would become NOT NULL")
					.contains("nullable = true");
				sql.accept("UPDATE " + stamp + " SET " + label + " = 'filled'");
				SchemaDiff filled = ctx.schemaDiff("default").block();
				assertThat(filled.problems()).isEmpty();
				filled.statements().forEach(sql);
				assertThat(ctx.schemaDiff("default").block().isEmpty()).as("restored").isTrue();

				sql.accept(engine.equals("mysql") ? "ALTER TABLE " + stamp + " MODIFY " + label + " VARCHAR(40) NOT NULL"
						: engine.equals("postgres") ? "ALTER TABLE " + stamp + " ALTER COLUMN " + label + " TYPE VARCHAR(40)"
						: "ALTER TABLE " + stamp + " ALTER COLUMN " + label + " SET DATA TYPE VARCHAR(40)");
				SchemaDiff narrowing = ctx.schemaDiff("default").block();
				assertThat(narrowing.destructive()).as("back to VARCHAR(20) may cut values").isNotEmpty()
					.isEqualTo(narrowing.statements());
				narrowing.statements().forEach(sql);
				assertThat(ctx.schemaDiff("default").block().isEmpty()).isTrue();
				assertThat(ctx.executeQuery("default", "SELECT " + label + " FROM " + stamp).collectList().block())
					.singleElement().satisfies((row) -> assertThat(row.values()).containsExactly("filled"));

				// A default dropped by hand comes back, ON UPDATE and all on MySQL.
				sql.accept("ALTER TABLE " + stamp + " ALTER COLUMN " + d.quote("touched") + " DROP DEFAULT");
				SchemaDiff defaults = ctx.schemaDiff("default").block();
				assertThat(defaults.statements()).singleElement().asString().contains(d.quote("touched"))
					.containsIgnoringCase("DEFAULT CURRENT_TIMESTAMP");
				assertThat(defaults.destructive()).isEmpty();
				defaults.statements().forEach(sql);
				assertThat(ctx.schemaDiff("default").block().isEmpty()).isTrue();
			});
		});
	}

	/** A column's own UNIQUE removed by hand comes back, and one the model lacks is dropped. */
	@org.junit.jupiter.params.ParameterizedTest
	@org.junit.jupiter.params.provider.ValueSource(strings = { "postgres", "mysql", "sqlite", "h2" })
	void uniqueColumnsComeBack(String engine) {
		on(engine, (url, e, sql) -> generated(url, "dev.tortoise.testmodels.unique", (ctx) -> {
			Dialect d = Dialect.forEngine(engine);
			String badge = d.quote("badge");
			if (engine.equals("sqlite")) {
				sql.accept("DROP TABLE " + badge);
				sql.accept("CREATE TABLE " + badge + " (\"id\" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, \"code\""
						+ " VARCHAR(20) NOT NULL, \"label\" VARCHAR(20) NOT NULL)");
			}
			else {
				String name = rows(ctx, d.uniqueColumnsQuery()).stream().filter((r) -> r.get(1).equalsIgnoreCase("code"))
					.map((r) -> r.get(2)).findFirst().orElseThrow();
				sql.accept(engine.equals("mysql") ? "DROP INDEX " + d.quote(name) + " ON " + badge
						: "ALTER TABLE " + badge + " DROP CONSTRAINT " + d.quote(name));
			}
			SchemaDiff missing = ctx.schemaDiff("default").block();
			assertThat(missing.statements()).singleElement().asString().contains("UNIQUE").contains(d.quote("code"));
			missing.statements().forEach(sql);
			assertThat(ctx.schemaDiff("default").block().isEmpty()).isTrue();

			sql.accept(engine.equals("sqlite") ? "CREATE UNIQUE INDEX \"by_hand\" ON " + badge + " (\"label\")"
					: "ALTER TABLE " + badge + " ADD CONSTRAINT " + d.quote("by_hand") + " UNIQUE (" + d.quote("label") + ")");
			SchemaDiff extra = ctx.schemaDiff("default").block();
			assertThat(extra.statements()).singleElement().asString().contains("by_hand").contains("DROP");
			extra.statements().forEach(sql);
			assertThat(ctx.schemaDiff("default").block().isEmpty()).isTrue();
		}));
	}

	/** A primary key that differs from the model's is named as a problem, never changed by the diff. */
	@org.junit.jupiter.params.ParameterizedTest
	@org.junit.jupiter.params.provider.ValueSource(strings = { "postgres", "mysql", "sqlite", "h2" })
	void aPrimaryKeyThatDiffersIsRefused(String engine) {
		on(engine, (url, e, sql) -> generated(url, "dev.tortoise.testmodels.chain.v01", (ctx) -> {
			Dialect d = Dialect.forEngine(engine);
			sql.accept("DROP TABLE " + d.quote("shelf"));
			sql.accept("CREATE TABLE " + d.quote("shelf") + " (" + d.quote("id") + " INT NOT NULL, " + d.quote("name")
					+ " VARCHAR(50) NOT NULL, PRIMARY KEY (" + d.quote("id") + ", " + d.quote("name") + "))");
			SchemaDiff diff = ctx.schemaDiff("default").block();
			assertThat(diff.problems()).singleElement().asString().contains("primary key of table \"shelf\"")
				.contains("[id, name]").contains("[id]").contains("by hand");
			assertThat(diff.statements()).noneMatch((s) -> s.contains("PRIMARY KEY"));
		}));
	}

	/** Table and column comments changed by hand come back (SQLite keeps none in its catalog to compare). */
	@org.junit.jupiter.params.ParameterizedTest
	@org.junit.jupiter.params.provider.ValueSource(strings = { "postgres", "mysql", "h2" })
	void commentsComeBack(String engine) {
		on(engine, (url, e, sql) -> {
			generated(url, "dev.tortoise.testmodels.schema", (ctx) -> {
				Dialect d = Dialect.forEngine(engine);
				if (engine.equals("mysql")) {
					sql.accept("ALTER TABLE `event` COMMENT='changed by hand'");
					sql.accept("ALTER TABLE `event` MODIFY `token` VARCHAR(100) NOT NULL COMMENT 'changed too'");
				}
				else {
					sql.accept("COMMENT ON TABLE " + d.quote("event") + " IS 'changed by hand'");
					sql.accept("COMMENT ON COLUMN " + d.quote("event") + "." + d.quote("token") + " IS NULL");
				}
				SchemaDiff comments = ctx.schemaDiff("default").block();
				assertThat(comments.statements()).hasSize(2)
					.anyMatch((s) -> s.contains("This table contains a list of all the events"))
					.anyMatch((s) -> s.contains("Unique token"));
				assertThat(comments.destructive()).isEmpty();
				comments.statements().forEach(sql);
				assertThat(ctx.schemaDiff("default").block().isEmpty()).isTrue();
			});
		});
	}

	/**
	 * A foreign key dropped by hand, or remade with another ON DELETE, comes back as the
	 * models say; SQLite, which changes no constraint of an existing table, names the rebuild.
	 */
	@org.junit.jupiter.params.ParameterizedTest
	@org.junit.jupiter.params.provider.ValueSource(strings = { "postgres", "mysql", "sqlite", "h2" })
	void foreignKeysComeBackWithTheirOnDelete(String engine) {
		on(engine, (url, e, sql) -> {
			TortoiseContext ctx = chainVersion(url, 3);
			try {
				ctx.generateSchemas(false).block();
				Dialect d = Dialect.forEngine(engine);
				String item = d.quote("item");
				if (engine.equals("sqlite")) {
					sql.accept("DROP TABLE " + item);
					sql.accept("CREATE TABLE " + item + " (\"id\" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, \"title\""
							+ " VARCHAR(100) NOT NULL, \"price\" INT NOT NULL DEFAULT 0, \"shelf_id\" INT)");
					assertThat(ctx.schemaDiff("default").block().problems()).singleElement().asString()
						.contains("foreign key of column \"shelf_id\" of table \"item\"").contains("is missing")
						.contains("rebuild");
					return;
				}
				String name = rows(ctx, d.foreignKeysQuery()).stream().filter((row) -> row.get(0).equalsIgnoreCase("item"))
					.map((row) -> row.get(3)).findFirst().orElseThrow();
				String drop = "ALTER TABLE " + item + (engine.equals("mysql") ? " DROP FOREIGN KEY " : " DROP CONSTRAINT ")
						+ d.quote(name);
				sql.accept(drop);
				SchemaDiff missing = ctx.schemaDiff("default").block();
				assertThat(missing.statements()).singleElement().asString().contains("FOREIGN KEY (" + d.quote("shelf_id")
						+ ")").contains("ON DELETE CASCADE");
				missing.statements().forEach(sql);
				assertThat(ctx.schemaDiff("default").block().isEmpty()).isTrue();

				name = rows(ctx, d.foreignKeysQuery()).stream().filter((row) -> row.get(0).equalsIgnoreCase("item"))
					.map((row) -> row.get(3)).findFirst().orElseThrow();
				sql.accept("ALTER TABLE " + item + (engine.equals("mysql") ? " DROP FOREIGN KEY " : " DROP CONSTRAINT ")
						+ d.quote(name));
				sql.accept("ALTER TABLE " + item + " ADD CONSTRAINT " + d.quote("by_hand") + " FOREIGN KEY ("
						+ d.quote("shelf_id") + ") REFERENCES " + d.quote("shelf") + " (" + d.quote("id")
						+ ") ON DELETE SET NULL");
				SchemaDiff remade = ctx.schemaDiff("default").block();
				assertThat(remade.statements()).hasSize(2).first().asString().contains("by_hand");
				assertThat(remade.statements().get(1)).contains("ON DELETE CASCADE");
				remade.statements().forEach(sql);
				assertThat(ctx.schemaDiff("default").block().isEmpty()).isTrue();
			}
			finally {
				ctx.close();
			}
		});
	}

	/** A context of one package's models on the database, its schema generated, closed after the work. */
	private static void generated(String url, String models, java.util.function.Consumer<TortoiseContext> work) {
		TortoiseContext ctx = Tortoise.init(TortoiseConfig.builder().connection("default", url)
			.app("models", List.of(models)).build()).block();
		try {
			ctx.generateSchemas(false).block();
			work.accept(ctx);
		}
		finally {
			ctx.close();
		}
	}

	private static TortoiseContext chainVersion(String url, int n) {
		return Tortoise.init(TortoiseConfig.builder().connection("default", url)
			.app("models", List.of("dev.tortoise.testmodels.chain.v" + String.format("%02d", n))).build()).block();
	}

	/** Every column (table, name, nullability, type) and every index name, sorted. */
	private static List<String> catalog(TortoiseContext ctx, Dialect d) {
		java.util.SortedSet<String> out = new java.util.TreeSet<>();
		rows(ctx, d.columnsQuery()).forEach((row) -> out.add(String.join(" ", row).toLowerCase(java.util.Locale.ROOT)));
		rows(ctx, d.indexesQuery()).forEach((row) -> d.catalogIndexes(row.get(0), row.get(1), row.get(2))
			.forEach((index) -> out.add("index " + index.table() + " " + index.name())));
		return List.copyOf(out);
	}

	/** A query's rows as texts by position (a catalog query may repeat a column name). */
	private static List<List<String>> rows(TortoiseContext ctx, String sql) {
		return reactor.core.publisher.Flux.usingWhen(ctx.connections().get("default").create(),
				(c) -> reactor.core.publisher.Flux.from(c.createStatement(sql).execute())
					.concatMap((result) -> result.map((row, meta) -> {
						List<String> values = new java.util.ArrayList<>();
						for (int i = 0; i < meta.getColumnMetadatas().size(); i++) {
							values.add(row.get(i, String.class));
						}
						return values;
					})),
				io.r2dbc.spi.Connection::close)
			.collectList().block();
	}

}

package dev.tortoise.spring.boot;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

import dev.tortoise.TortoiseContext;
import dev.tortoise.exceptions.ConfigurationException;
import dev.tortoise.exceptions.OperationalException;
import dev.tortoise.exceptions.ParamsException;
import dev.tortoise.spring.boot.migrations.v1.Award;
import dev.tortoise.testing.Sql;
import dev.tortoise.testing.TestDatabase;
import io.r2dbc.spi.ConnectionFactory;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole migration loop on each real database, as a user runs it: a baseline of the first
 * models, applied on start; a model changed, its migration made and reviewed, applied on the
 * next start with the rows kept; and the refusals and failures on the way.
 */
class TortoiseMigrationsIntegrationTests {

	private static final String V1 = "dev.tortoise.spring.boot.migrations.v1";

	private static final String V2 = "dev.tortoise.spring.boot.migrations.v2";

	@TempDir
	Path folder;

	/** A database of the engine, its URL, and a way to run SQL on it by hand. */
	private record Db(String engine, String url, ConnectionFactory admin, String prefix) {

		void sql(String statement) {
			Sql.execute(this.admin, this.prefix + statement);
		}

		List<String> columns(String table) {
			return Sql.query(this.admin, this.prefix + "SELECT * FROM " + table).isEmpty() ? List.of()
					: List.copyOf(Sql.query(this.admin, this.prefix + "SELECT * FROM " + table).get(0).keySet());
		}

	}

	private void on(String engine, Consumer<Db> test) {
		switch (engine) {
			case "postgres" -> {
				try (TestDatabase db = TestDatabase.postgres("migrate")) {
					test.accept(new Db(engine, db.url(), db.admin(), "SET search_path TO \"" + db.name() + "\"; "));
				}
			}
			case "mysql" -> {
				try (TestDatabase db = TestDatabase.mysql("migrate")) {
					test.accept(new Db(engine, db.url(), db.admin(), "USE `" + db.name() + "`; "));
				}
			}
			case "sqlite" -> {
				try (TestDatabase db = TestDatabase.sqlite("migrate")) {
					test.accept(new Db(engine, db.url(), db.admin(), ""));
				}
			}
			default -> {
				String url = "h2://" + this.folder.resolve("h2db").toAbsolutePath();
				TortoiseContext admin = dev.tortoise.Tortoise.init(dev.tortoise.config.TortoiseConfig.builder()
					.connection("default", url).app("models", List.of("dev.tortoise.testmodels.empty")).build()).block();
				try {
					test.accept(new Db(engine, url, admin.connections().get("default"), ""));
				}
				finally {
					admin.close();
				}
			}
		}
	}

	private ApplicationContextRunner runner(Db db, String models, String... properties) {
		String migrations = this.folder.resolve("migrations").toAbsolutePath() + "/{connection}";
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(TortoiseAutoConfiguration.class))
			.withPropertyValues("tortoise.connections.default.url=" + db.url(),
					"tortoise.connections.default.pool.max-size=2", "tortoise.apps.models.models=" + models,
					"tortoise.migrations.folder=" + migrations, "tortoise.migrations.location=filesystem:" + migrations)
			.withPropertyValues(properties);
	}

	private Path migrations() {
		return this.folder.resolve("migrations").resolve("default");
	}

	private List<String> files() throws Exception {
		try (var files = Files.list(migrations())) {
			return files.map((f) -> f.getFileName().toString()).sorted(Comparator.naturalOrder()).toList();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "postgres", "mysql", "sqlite", "h2" })
	void baselineMakeAndApplyKeepTheRows(String engine) {
		on(engine, (db) -> {
			// The first models: a baseline written, nothing run by the command itself.
			runner(db, V1, "tortoise.migrations.baseline=true").run((context) -> assertThat(context).hasNotFailed());
			assertThat(call(this::files)).containsExactly("V1__baseline.sql");
			assertThat(tables(db)).doesNotContain("award");

			// Started with migrations: the baseline creates the table; a row goes in.
			runner(db, V1, "tortoise.migrations.enabled=true").run((context) -> {
				assertThat(context).hasNotFailed();
				TortoiseContext ctx = context.getBean(TortoiseContext.class);
				Award award = new Award();
				award.name = "gold";
				ctx.create(award).block();
				assertThat(ctx.schemaDiff("default").block().isEmpty()).isTrue();
			});

			// A renamed field and a new one: the make command writes the migration for review.
			runner(db, V2, "tortoise.migrations.make=rename and amount").run((context) -> assertThat(context).hasNotFailed());
			assertThat(call(this::files)).containsExactly("V1__baseline.sql", "V2__rename_and_amount.sql");
			String v2 = call(() -> Files.readString(migrations().resolve("V2__rename_and_amount.sql")));
			assertThat(v2).contains("RENAME COLUMN").contains("ADD COLUMN").doesNotContain("DROP");
			assertThat(db.columns("award")).as("nothing applied by make").contains("name");

			// The next start applies it: the column renamed with its value, the new one at its default.
			runner(db, V2, "tortoise.migrations.enabled=true").run((context) -> {
				assertThat(context).hasNotFailed();
				TortoiseContext ctx = context.getBean(TortoiseContext.class);
				dev.tortoise.spring.boot.migrations.v2.Award kept = ctx
					.objects(dev.tortoise.spring.boot.migrations.v2.Award.class).filter("title", "gold").get().block();
				assertThat(kept.amount).isZero();
				assertThat(ctx.schemaDiff("default").block().isEmpty()).isTrue();
			});

			// Nothing changed since: make writes nothing.
			runner(db, V2, "tortoise.migrations.make=nothing").run((context) -> assertThat(context).hasNotFailed());
			assertThat(call(this::files)).hasSize(2);
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "postgres", "mysql", "sqlite", "h2" })
	void aFailedMigrationNamesItsStatementAndLeavesTransactionalSchemasAsTheyWere(String engine) {
		on(engine, (db) -> {
			runner(db, V1, "tortoise.migrations.baseline=true").run((context) -> assertThat(context).hasNotFailed());
			String q = engine.equals("mysql") ? "`" : "\"";
			call(() -> Files.writeString(migrations().resolve("V2__broken.sql"), "CREATE TABLE " + q + "half" + q + " ("
					+ q + "id" + q + " INT);\nINSERT INTO " + q + "no_such_table" + q + " VALUES (1);\n"));
			runner(db, V1, "tortoise.migrations.enabled=true").run((context) -> {
				assertThat(context).hasFailed();
				Throwable failure = tortoiseFailure(context);
				assertThat(failure).isInstanceOf(OperationalException.class)
					.hasMessageContaining("connection \"default\"").hasMessageContaining("V2__broken")
					.hasMessageContaining("INSERT INTO " + q + "no_such_table");
				if (engine.equals("mysql")) {
					assertThat(failure).hasMessageContaining("before the one named above stay applied");
					assertThat(tables(db)).contains("half");
				}
				else if (!engine.equals("h2")) {
					assertThat(failure).hasMessageContaining("rolled back whole");
					assertThat(tables(db)).doesNotContain("half");
				}
			});
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "postgres", "sqlite" })
	void refusals(String engine) {
		on(engine, (db) -> {
			runner(db, V1, "tortoise.migrations.enabled=true", "tortoise.generate-schemas=safe").run((context) ->
				assertThat(tortoiseFailure(context)).isInstanceOf(ConfigurationException.class)
					.hasMessageContaining("set tortoise.generate-schemas to none"));
			runner(db, V1, "tortoise.migrations.enabled=true").withClassLoader(new FilteredClassLoader(Flyway.class))
				.run((context) -> assertThat(tortoiseFailure(context)).isInstanceOf(ConfigurationException.class)
					.hasMessageContaining("org.flywaydb:flyway-core"));

			// Tables made by generate-schemas and no history: adopt them with a baseline first.
			runner(db, V1, "tortoise.generate-schemas=safe").run((context) -> assertThat(context).hasNotFailed());
			call(() -> Files.createDirectories(migrations()));
			call(() -> Files.writeString(migrations().resolve("V1__first.sql"), "SELECT 1;\n"));
			runner(db, V1, "tortoise.migrations.enabled=true").run((context) -> assertThat(tortoiseFailure(context))
				.hasMessageContaining("baseline"));
			call(() -> Files.deleteIfExists(migrations().resolve("V1__first.sql")));

			// A baseline of that database, then applied: recorded, not run (the table exists already).
			runner(db, V1, "tortoise.migrations.baseline=true").run((context) -> assertThat(context).hasNotFailed());
			runner(db, V1, "tortoise.migrations.enabled=true").run((context) -> assertThat(context).hasNotFailed());

			// A NOT NULL field without a default, for a table with rows: refused, naming both ways out.
			db.sql("INSERT INTO award (name) VALUES ('silver')");
			runner(db, "dev.tortoise.spring.boot.migrations.v3", "tortoise.migrations.make=required").run((context) ->
				assertThat(tortoiseFailure(context)).isInstanceOf(ParamsException.class)
					.hasMessageContaining("\"award\"").hasMessageContaining("defaultValue")
					.hasMessageContaining("nullable = true"));
		});
	}

	/** Why the context failed to start: Tortoise's exception in the chain of causes. */
	private static Throwable tortoiseFailure(
			org.springframework.boot.test.context.assertj.AssertableApplicationContext context) {
		Throwable failure = context.getStartupFailure();
		assertThat(failure).as("the context failed").isNotNull();
		while (!(failure instanceof dev.tortoise.exceptions.TortoiseException) && failure.getCause() != null) {
			failure = failure.getCause();
		}
		return failure;
	}

	private static List<String> tables(Db db) {
		String sql = switch (db.engine()) {
			case "sqlite" -> "SELECT name FROM sqlite_master WHERE type = 'table'";
			case "mysql" -> "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()";
			default -> "SELECT table_name FROM information_schema.tables WHERE table_schema = CURRENT_SCHEMA";
		};
		return Sql.column(db.admin(), db.prefix() + sql).stream().map((t) -> t.toLowerCase(java.util.Locale.ROOT))
			.toList();
	}

	private interface Io<T> {

		T get() throws Exception;

	}

	private static <T> T call(Io<T> io) {
		try {
			return io.get();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}

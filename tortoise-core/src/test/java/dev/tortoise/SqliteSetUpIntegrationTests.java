package dev.tortoise;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.tortoise.config.TortoiseConfig;
import dev.tortoise.testing.Sql;
import dev.tortoise.testing.TestDatabase;
import dev.tortoise.testmodels.query.Tournament;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SQLite forms of Tortoise's set-up page, as a project ported from Python writes them:
 * each one inits, generates its schema, queries and closes without leaving a file handle
 * or a thread behind.
 */
class SqliteSetUpIntegrationTests {

	private static final String QUERY_MODELS = "dev.tortoise.testmodels.query";

	@Test
	void aDbUrlInitsGeneratesQueriesAndClosesWithNothingLeft() {
		String file = TestDatabase.sqliteFile("setup-url");
		TortoiseContext ctx = onFile(file);
		try {
			ctx.generateSchemas().block();
			ctx.create(new Tournament("Cup")).block();
			assertThat(ctx.objects(Tournament.class).filter("name", "Cup").count().block()).isOne();
			assertThat(Sql.column(ctx.connections().get("default"), "PRAGMA journal_mode")).containsExactly("wal");
			assertThat(Sql.number(ctx.connections().get("default"), "PRAGMA foreign_keys")).isOne();
		}
		finally {
			ctx.close();
		}
		TestDatabase.awaitNoSqliteThreads();
		TestDatabase.deleteSqlite(file);
	}

	@Test
	void aConfigWithTwoSqliteConnectionsKeepsEachAppInItsFile() {
		String first = TestDatabase.sqliteFile("setup-first");
		String second = TestDatabase.sqliteFile("setup-second");
		TortoiseConfig config = TortoiseConfig.fromMap(Map.of(
				"connections", Map.of(
						"first", Map.of("engine", "tortoise.backends.sqlite", "credentials", Map.of("file_path", first)),
						"second", Map.of("engine", "tortoise.backends.sqlite", "credentials", Map.of("file_path", second))),
				"apps", Map.of(
						"models", Map.of("models", List.of(QUERY_MODELS), "default_connection", "first"),
						"rows", Map.of("models", List.of("dev.tortoise.testmodels.rows"), "default_connection", "second"))));
		TortoiseContext ctx = Tortoise.init(config).block();
		try {
			ctx.generateSchemas().block();
			ctx.create(new Tournament("Cup")).block();
			String tables = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
			assertThat(Sql.column(ctx.connections().get("first"), tables)).contains("tournament").doesNotContain("site", "meter");
			assertThat(Sql.column(ctx.connections().get("second"), tables)).containsExactlyInAnyOrder("site", "meter");
			assertThat(Sql.number(ctx.connections().get("first"), "SELECT count(*) FROM tournament")).isOne();
		}
		finally {
			ctx.close();
		}
		TestDatabase.awaitNoSqliteThreads();
		TestDatabase.deleteSqlite(first);
		TestDatabase.deleteSqlite(second);
	}

	@Test
	void aFilePathWithTortoisesOptionsAppliesThemAsPragmas() {
		String file = TestDatabase.sqliteFile("setup-options");
		TortoiseConfig config = TortoiseConfig.fromMap(Map.of(
				"connections", Map.of("default", Map.of("engine", "tortoise.backends.sqlite", "credentials",
						Map.of("file_path", file, "journal_mode", "TRUNCATE", "foreign_keys", "OFF", "cache_size", -4000))),
				"apps", Map.of("models", Map.of("models", List.of(QUERY_MODELS)))));
		TortoiseContext ctx = Tortoise.init(config).block();
		try {
			ctx.generateSchemas().block();
			assertThat(Sql.column(ctx.connections().get("default"), "PRAGMA journal_mode")).containsExactly("truncate");
			assertThat(Sql.number(ctx.connections().get("default"), "PRAGMA foreign_keys")).isZero();
			assertThat(Sql.number(ctx.connections().get("default"), "PRAGMA cache_size")).isEqualTo(-4000);
		}
		finally {
			ctx.close();
		}
		TestDatabase.awaitNoSqliteThreads();
		TestDatabase.deleteSqlite(file);
	}

	@Test
	void anInMemoryDatabaseIsSharedByThePoolAndGoneAfterClose() {
		TortoiseConfig config = TortoiseConfig.of("sqlite://:memory:?maxsize=3", Map.of("models", List.of(QUERY_MODELS)));
		TortoiseContext ctx = Tortoise.init(config).block();
		try {
			ctx.generateSchemas().block();
			// Three transactions at once hold three pooled connections: all see one database.
			List<Long> counts = Flux.range(0, 3)
				.flatMap((i) -> ctx.inTransaction("default", (tx) -> tx.create(new Tournament("T" + i))
					.then(tx.objects(Tournament.class).count())))
				.collectList().block();
			assertThat(counts).hasSize(3);
			assertThat(ctx.objects(Tournament.class).count().block()).isEqualTo(3);
		}
		finally {
			ctx.close();
		}
		TestDatabase.awaitNoSqliteThreads();
		TortoiseContext fresh = Tortoise.init(config).block();
		try {
			assertThat(Sql.column(fresh.connections().get("default"), "SELECT name FROM sqlite_master")).isEmpty();
		}
		finally {
			fresh.close();
		}
		TestDatabase.awaitNoSqliteThreads();
	}

	@Test
	void fiftyConcurrentWritersAllSucceedOnTheDefaultPool() {
		String file = TestDatabase.sqliteFile("setup-writers");
		TortoiseContext ctx = onFile(file);
		try {
			ctx.generateSchemas().block();
			Flux.range(0, 50)
				.flatMap((i) -> (i % 2 == 0) ? ctx.create(new Tournament("W" + i))
						: ctx.inTransaction("default", (tx) -> tx.create(new Tournament("W" + i))
							.then(tx.objects(Tournament.class).filter("name", "W" + i).update(Map.of("notes", "in a transaction")))),
						50)
				.then().block(Duration.ofMinutes(1));
			assertThat(ctx.objects(Tournament.class).count().block()).isEqualTo(50);
			assertThat(ctx.objects(Tournament.class).filter("notes", "in a transaction").count().block()).isEqualTo(25);
		}
		finally {
			ctx.close();
		}
		TestDatabase.awaitNoSqliteThreads();
		TestDatabase.deleteSqlite(file);
	}

	private static TortoiseContext onFile(String file) {
		return Tortoise.init(TortoiseConfig.of("sqlite://" + file, Map.of("models", List.of(QUERY_MODELS)))).block();
	}

}

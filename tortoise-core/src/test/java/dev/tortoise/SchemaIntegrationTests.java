package dev.tortoise;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.tortoise.config.TortoiseConfig;
import dev.tortoise.exceptions.OperationalException;
import dev.tortoise.testing.Sql;
import dev.tortoise.testing.TestDatabase;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The same scenarios on every database: the Tortoise schema models are created for real,
 * the catalog is read back through information_schema, safe mode is idempotent, and no
 * session survives closing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SchemaIntegrationTests {

	static final List<String> MODELS = List.of("dev.tortoise.testmodels.schema");

	static final List<String> TABLES = List.of("company", "defaultpk", "employee", "event", "inheritedmodel",
			"sometable", "sometable_self", "team", "team_team", "teamaddress", "teamevents", "tournament",
			"venueinformation");

	TortoiseContext ctx;

	/** The database URL the context connects to. */
	abstract String url();

	/** The SQL that lists table names of the test's schema. */
	abstract String tablesSql();

	/** The SQL that lists index and constraint names of the test's schema. */
	abstract String namesSql();

	/** The SQL that lists {@code table, column, delete_rule} of the foreign keys. */
	abstract String deleteRulesSql();

	/** The SQL that lists {@code table, column, data_type, is_nullable} of the columns. */
	abstract String columnsSql();

	/** The SQL that reads the comment of table "team". */
	abstract String teamCommentSql();

	/** Expected data types of some columns, as the catalog spells them. */
	abstract Map<String, String> expectedTypes();

	/** Names only this database has (MySQL names its foreign keys). */
	List<String> extraNames() {
		return List.of();
	}

	/** Sessions the code under test has open, or -1 where the database cannot tell. */
	abstract long openSessions();

	/** Waits until the server has dropped every session of ours. */
	abstract void awaitNoSessions();

	/** Where catalog queries go. */
	ConnectionFactory catalog() {
		return this.ctx.connections().get("default");
	}

	TortoiseConfig config() {
		return TortoiseConfig.builder().connection("default", url()).app("models", MODELS).build();
	}

	@BeforeAll
	void createSchema() {
		this.ctx = Tortoise.init(config()).block();
		this.ctx.generateSchemas().block();
	}

	@AfterAll
	void closeContext() {
		try {
			if (this.ctx != null) {
				this.ctx.close();
				awaitNoSessions();
			}
		}
		finally {
			dropDatabase();
		}
	}

	/** Drops what the test class created on a server; runs after every session is closed. */
	void dropDatabase() {
	}

	@Test
	void createsEveryTableOfTheModels() {
		assertThat(lower(Sql.column(catalog(), tablesSql()))).containsExactlyInAnyOrderElementsOf(TABLES);
	}

	@Test
	void indexAndConstraintNamesAreTortoises() {
		assertThat(lower(Sql.column(catalog(), namesSql()))).contains("uid_event_name_c6f89f", "uid_event_tournam_a5b730",
				"idx_team_manager_676134", "idx_team_manager_ef8f69", "idx_tournament_name_6fe200",
				"idx_sometable_some_ch_3d69eb", "uidx_team_team_team_re_d994df", "uidx_teamevents_event_i_664dbc",
				"uidx_sometable_s_backwar_fc8fc8")
			.containsAll(extraNames());
	}

	@Test
	void foreignKeysCarryTheirOnDeleteRules() {
		Map<String, String> rules = new TreeMap<>();
		for (Map<String, Object> row : Sql.query(catalog(), deleteRulesSql())) {
			rules.put((row.get("table_name") + "." + row.get("column_name")).toLowerCase(), String.valueOf(row.get("delete_rule")));
		}
		assertThat(rules).containsEntry("event.tournament_id", "CASCADE")
			.containsEntry("venueinformation.team_id", "SET NULL")
			.containsEntry("employee.company_id", "CASCADE")
			.containsEntry("teamaddress.team_id", "CASCADE")
			.containsEntry("teamevents.event_id", "CASCADE")
			.containsEntry("teamevents.team_id", "CASCADE")
			.containsEntry("team_team.team_rel_id", "CASCADE")
			.containsEntry("sometable.fk_sometable", "CASCADE");
	}

	@Test
	void columnsHaveTortoisesTypesAndNullability() {
		Map<String, String> types = new TreeMap<>();
		Map<String, String> nullable = new TreeMap<>();
		for (Map<String, Object> row : Sql.query(catalog(), columnsSql())) {
			String key = (row.get("table_name") + "." + row.get("column_name")).toLowerCase();
			types.put(key, String.valueOf(row.get("data_type")).toLowerCase());
			nullable.put(key, String.valueOf(row.get("is_nullable")).toUpperCase());
		}
		expectedTypes().forEach((column, type) -> assertThat(types).as(column).containsEntry(column, type));
		assertThat(nullable).containsEntry("event.prize", "YES")
			.containsEntry("event.name", "NO")
			.containsEntry("team.manager_id", "YES")
			.containsEntry("venueinformation.team_id", "YES")
			.containsEntry("inheritedmodel.one", "YES")
			.containsEntry("inheritedmodel.two", "NO");
	}

	@Test
	void tableCommentsAreWritten() {
		assertThat(Sql.column(catalog(), teamCommentSql())).containsExactly("The TEAMS!");
	}

	@Test
	void safeGenerationRunTwiceChangesNothing() {
		TreeSet<String> before = catalogSnapshot();
		this.ctx.generateSchemas(true).block();
		this.ctx.generateSchemas().block();
		assertThat(catalogSnapshot()).isEqualTo(before);
	}

	@Test
	void unsafeGenerationFailsOnExistingTablesAndNamesTheConnection() {
		TreeSet<String> before = catalogSnapshot();
		assertThatThrownBy(() -> this.ctx.generateSchemas(false).block()).isInstanceOf(OperationalException.class)
			.hasMessageContaining("connection \"default\"")
			.hasMessageContaining("CREATE TABLE");
		assertThat(catalogSnapshot()).isEqualTo(before);
	}

	@Test
	void cancelledGenerationLeavesEveryConnectionIdleAndOutsideATransaction() {
		TreeSet<String> before = catalogSnapshot();
		ConnectionPool pool = this.ctx.connections().pool("default");
		for (int i = 0; i < 60; i++) {
			// Cancelled at points from before the connection comes to the middle of the script.
			this.ctx.generateSchemas().timeout(Duration.ofNanos(100_000L * (i % 30)), Mono.empty())
				.block(Duration.ofMinutes(1));
		}
		TestDatabase.awaitReleased(pool);
		int size = pool.getMetrics().orElseThrow().getMaxAllocatedSize();
		List<Connection> all = Flux.range(0, size).flatMap((i) -> Mono.<Connection>from(pool.create())).collectList()
			.block(Duration.ofMinutes(1));
		try {
			assertThat(all).hasSize(size).allMatch(Connection::isAutoCommit);
		}
		finally {
			Flux.fromIterable(all).flatMap(Connection::close).blockLast();
		}
		assertThat(catalogSnapshot()).isEqualTo(before);
	}

	@Test
	void generationsStartedTogetherEachSucceedAndChangeNothing() {
		TreeSet<String> before = catalogSnapshot();
		for (int round = 0; round < 5; round++) {
			// Replicas of one service starting at once: each runs the whole safe script.
			Flux.range(0, 3).flatMap((i) -> this.ctx.generateSchemas(), 3).blockLast(Duration.ofMinutes(1));
		}
		TestDatabase.awaitReleased(this.ctx.connections().pool("default"));
		assertThat(catalogSnapshot()).isEqualTo(before);
	}

	@Test
	void closingLeavesNoSessionOpen() {
		TortoiseContext other = Tortoise.init(config()).block();
		Flux.range(0, 4).flatMap((i) -> openOneSession(other)).blockLast();
		if (openSessions() >= 0) {
			assertThat(openSessions()).isGreaterThan(0);
		}
		other.close();
		other.close();
		assertThat(other.connections().pool("default").isDisposed()).isTrue();
		awaitNoSessionsBeyond(this.ctx);
	}

	@Test
	void runClosesEverythingWhenTheWorkFails() {
		TortoiseContext[] seen = new TortoiseContext[1];
		Flux<Object> failing = Tortoise.run(config(), (c) -> {
			seen[0] = c;
			return openOneSession(c).then(Mono.error(new IllegalStateException("boom")));
		});
		assertThatThrownBy(failing::blockLast).hasMessageContaining("boom");
		assertThat(seen[0].isClosed()).isTrue();
		assertThat(seen[0].connections().pool("default").isDisposed()).isTrue();
		awaitNoSessionsBeyond(this.ctx);
	}

	@Test
	void runClosesEverythingWhenCancelled() {
		TortoiseContext[] seen = new TortoiseContext[1];
		Sinks.One<Boolean> opened = Sinks.one();
		Flux<Long> endless = Tortoise.run(config(), (c) -> {
			seen[0] = c;
			return openOneSession(c).doOnSuccess((v) -> opened.tryEmitValue(true)).thenMany(Flux.<Long>never());
		});
		Disposable subscription = endless.subscribe();
		opened.asMono().block(Duration.ofSeconds(30));
		subscription.dispose();
		// Cancellation closes asynchronously: wait for the pool to report it is disposed.
		Mono.fromCallable(() -> seen[0].connections().pool("default").isDisposed() ? Boolean.TRUE : null)
			.repeatWhenEmpty(Integer.MAX_VALUE, (f) -> f.delayElements(Duration.ofMillis(10)))
			.block(Duration.ofSeconds(15));
		assertThat(seen[0].isClosed()).isTrue();
		awaitNoSessionsBeyond(this.ctx);
	}

	private static Mono<Void> openOneSession(TortoiseContext c) {
		return Mono.usingWhen(Mono.from(c.connections().get("default").create()),
				(conn) -> Flux.from(conn.createStatement("SELECT 1").execute()).flatMap((r) -> r.getRowsUpdated()).then(),
				(conn) -> conn.close());
	}

	/**
	 * On a server, waits until no session of ours is left. The shared context holds pooled
	 * sessions too, so it is closed first and opened again afterwards.
	 */
	private void awaitNoSessionsBeyond(TortoiseContext shared) {
		if (openSessions() < 0) {
			return;
		}
		shared.close();
		awaitNoSessions();
		this.ctx = Tortoise.init(config()).block();
	}

	private TreeSet<String> catalogSnapshot() {
		TreeSet<String> snapshot = new TreeSet<>();
		Sql.column(catalog(), tablesSql()).forEach((t) -> snapshot.add("table " + t));
		Sql.column(catalog(), namesSql()).forEach((n) -> snapshot.add("name " + n));
		Sql.query(catalog(), columnsSql()).forEach((row) -> snapshot.add("column " + row));
		return snapshot;
	}

	private static List<String> lower(List<String> names) {
		return names.stream().map(String::toLowerCase).toList();
	}

}

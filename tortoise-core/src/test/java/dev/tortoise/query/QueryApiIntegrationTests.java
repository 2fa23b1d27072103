package dev.tortoise.query;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import dev.tortoise.Tortoise;
import dev.tortoise.TortoiseContext;
import dev.tortoise.config.TortoiseConfig;
import dev.tortoise.exceptions.FieldException;
import dev.tortoise.exceptions.IntegrityException;
import dev.tortoise.exceptions.ParamsException;
import dev.tortoise.exceptions.TransactionManagementException;
import dev.tortoise.testing.TestDatabase;
import dev.tortoise.testmodels.query.Event;
import dev.tortoise.testmodels.query.Team;
import dev.tortoise.testmodels.query.Tournament;
import dev.tortoise.testmodels.query.Wallet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tortoise's query API beyond filters and CRUD, run on every database by its subclasses:
 * F expressions, partial saves, refresh, get-or-create and update-or-create, values lists,
 * distinct, latest/earliest/last, in-bulk, sql() and explain(), select-for-update.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class QueryApiIntegrationTests {

	TestDatabase db;

	TortoiseContext ctx;

	/** The isolated database, or null for embedded H2. */
	abstract TestDatabase createDatabase();

	String url() {
		return this.db.url();
	}

	/** Whether the database locks rows ({@code FOR UPDATE}); SQLite locks the whole database instead. */
	boolean locksRows() {
		return true;
	}

	@BeforeAll
	void start() {
		this.db = createDatabase();
		this.ctx = Tortoise.init(TortoiseConfig.builder()
			.connection("default", url() + (url().contains("?") ? "&" : "?") + "maxsize=5")
			.app("models", List.of("dev.tortoise.testmodels.query"))
			.build()).block();
		this.ctx.generateSchemas().block();
	}

	@AfterAll
	void stop() {
		TestDatabase.closeAll(this.ctx, this.db);
	}

	@BeforeEach
	void clean() {
		this.ctx.objects(Event.class).delete().block();
		this.ctx.objects(Team.class).delete().block();
		this.ctx.objects(Tournament.class).delete().block();
		this.ctx.objects(Wallet.class).delete().block();
	}

	private Wallet wallet(String owner, int balance, double rate) {
		Wallet w = new Wallet();
		w.owner = owner;
		w.balance = balance;
		w.rate = rate;
		return this.ctx.create(w).block();
	}

	private Map<String, Integer> balances() {
		Map<String, Integer> out = new java.util.TreeMap<>();
		this.ctx.objects(Wallet.class).all().toIterable().forEach((w) -> out.put(w.owner, w.balance));
		return out;
	}

	@Test
	void updatesComputeWithExpressionsInOneStatement() {
		wallet("ann", 10, 1.5);
		wallet("bob", 20, 2.5);
		long changed = this.ctx.objects(Wallet.class).update(Map.of("balance", F.of("balance").minus(3))).block();
		assertThat(changed).isEqualTo(2);
		assertThat(balances()).containsEntry("ann", 7).containsEntry("bob", 17);
		this.ctx.objects(Wallet.class).filter("owner", "bob")
			.update(Map.of("balance", F.of("balance").times(2).plus(F.of("balance")))).block();
		assertThat(balances()).containsEntry("bob", 51).containsEntry("ann", 7);
	}

	@Test
	void concurrentCounterUpdatesLoseNothing() {
		wallet("ann", 0, 1.0);
		Flux.range(0, 40)
			.flatMap((i) -> this.ctx.objects(Wallet.class).filter("owner", "ann")
				.update(Map.of("balance", F.of("balance").plus(1))), 4)
			.blockLast();
		assertThat(balances()).containsEntry("ann", 40);
	}

	@Test
	void filtersCompareColumnsAndBindTheNumbersOfAnExpression() {
		wallet("ann", 5, 1.5);
		wallet("bob", 1, 2.5);
		assertThat(this.ctx.objects(Wallet.class).filter("balance__gt", F.of("rate")).valuesListFlat("owner")
			.collectList().block()).containsExactly("ann");
		// The same shape with another number: one cached text, each call's number bound.
		assertThat(this.ctx.objects(Wallet.class).filter("balance__lt", F.of("rate").times(2)).count().block())
			.isEqualTo(1);
		assertThat(this.ctx.objects(Wallet.class).filter("balance__lt", F.of("rate").times(4)).count().block())
			.isEqualTo(2);
	}

	@Test
	void expressionMistakesAreNamedBeforeAnySql() {
		wallet("ann", 5, 1.5);
		long before = this.ctx.statementCount();
		assertThatThrownBy(() -> this.ctx.objects(Wallet.class).update(Map.of("balance", F.of("owner").minus(1))).block())
			.isInstanceOf(FieldException.class)
			.hasMessageContaining("F(\"owner\") is a CHAR field of Wallet; arithmetic needs a number field");
		assertThatThrownBy(() -> this.ctx.objects(Wallet.class).filter("owner__contains", F.of("currency")).count().block())
			.isInstanceOf(FieldException.class).hasMessageContaining("cannot take an expression");
		assertThatThrownBy(() -> this.ctx.objects(Wallet.class).update(Map.of("balance", F.of("nope"))).block())
			.isInstanceOf(FieldException.class).hasMessageContaining("nope");
		assertThatThrownBy(() -> this.ctx.objects(Wallet.class)
			.update(Map.of("balance", F.of("balance").plus("one"))).block())
			.isInstanceOf(ParamsException.class).hasMessageContaining("takes a number or an expression, got String");
		assertThat(this.ctx.statementCount()).as("no SQL sent").isEqualTo(before);
	}

	@Test
	void saveWithFieldsWritesOnlyThoseAndRefreshReadsTheRowAgain() {
		Wallet w = wallet("ann", 5, 1.5);
		w.owner = "changed in memory";
		w.balance = 9;
		this.ctx.save(w, "balance").block();
		Wallet read = this.ctx.objects(Wallet.class).get().block();
		assertThat(read.balance).isEqualTo(9);
		assertThat(read.owner).as("not named, not written").isEqualTo("ann");
		this.ctx.refresh(w).block();
		assertThat(w.owner).as("refresh reads the row's values back").isEqualTo("ann");
		assertThatThrownBy(() -> this.ctx.save(w, "nope").block()).isInstanceOf(FieldException.class)
			.hasMessageContaining("\"nope\"").hasMessageContaining("Valid fields");
		Wallet fresh = new Wallet();
		fresh.owner = "x";
		assertThatThrownBy(() -> this.ctx.save(fresh, "owner").block()).isInstanceOf(ParamsException.class)
			.hasMessageContaining("has no id yet");
		this.ctx.objects(Wallet.class).delete().block();
		assertThatThrownBy(() -> this.ctx.save(w, "balance").block()).isInstanceOf(IntegrityException.class)
			.hasMessageContaining("doesn't exist");
	}

	@Test
	void getOrCreateMakesOneRowEvenWhenCallsRace() {
		Created<Team> first = this.ctx.objects(Team.class).filter("name", "Ann").getOrCreate(Map.of()).block();
		assertThat(first.created()).isTrue();
		Created<Team> again = this.ctx.objects(Team.class).filter("name", "Ann").getOrCreate(Map.of()).block();
		assertThat(again.created()).isFalse();
		assertThat(again.object().id).isEqualTo(first.object().id);
		List<Created<Team>> raced = Flux.range(0, 8)
			.flatMap((i) -> this.ctx.objects(Team.class).filter("name", "Bob").getOrCreate(Map.of()), 8)
			.collectList().block();
		assertThat(raced.stream().filter(Created::created).count()).as("one insert wins; the others read it").isEqualTo(1);
		assertThat(raced.stream().map((c) -> c.object().id).distinct()).hasSize(1);
		assertThat(this.ctx.objects(Team.class).count().block()).isEqualTo(2);
		assertThatThrownBy(() -> this.ctx.objects(Team.class).filter("name__contains", "A").getOrCreate(Map.of()).block())
			.isInstanceOf(ParamsException.class).hasMessageContaining("must be plain field = value filters");
	}

	@Test
	void updateOrCreateWritesTheDefaultsIntoTheRowFoundOrANewOne() {
		Created<Tournament> made = this.ctx.objects(Tournament.class).filter("name", "Cup")
			.updateOrCreate(Map.of("notes", "first")).block();
		assertThat(made.created()).isTrue();
		assertThat(made.object().notes).isEqualTo("first");
		Created<Tournament> updated = this.ctx.objects(Tournament.class).filter("name", "Cup")
			.updateOrCreate(Map.of("notes", "second")).block();
		assertThat(updated.created()).isFalse();
		assertThat(this.ctx.objects(Tournament.class).get().block().notes).isEqualTo("second");
		assertThat(this.ctx.objects(Tournament.class).count().block()).isEqualTo(1);
	}

	@Test
	void valuesListsDistinctAndOrderedShortcuts() {
		Tournament cup = this.ctx.create(new Tournament("Cup")).block();
		for (String name : new String[] { "b", "a", "c" }) {
			Event e = new Event(name, cup);
			e.prize = BigDecimal.TEN;
			this.ctx.create(e).block();
		}
		assertThat(this.ctx.objects(Event.class).orderBy("name").valuesList("name", "prize").collectList().block())
			.extracting((row) -> row.get(0) + "=" + ((BigDecimal) row.get(1)).intValue())
			.containsExactly("a=10", "b=10", "c=10");
		assertThat(this.ctx.objects(Event.class).distinct().valuesListFlat("prize").collectList().block())
			.as("one row per distinct value").hasSize(1);
		assertThat(this.ctx.objects(Event.class).latest("name").block().name).isEqualTo("c");
		assertThat(this.ctx.objects(Event.class).earliest("name").block().name).isEqualTo("a");
		assertThat(this.ctx.objects(Event.class).orderBy("name").last().block().name).isEqualTo("c");
		List<Long> ids = this.ctx.objects(Event.class).valuesListFlat("id").map((id) -> ((Number) id).longValue())
			.collectList().block();
		Map<Object, Event> byId = this.ctx.objects(Event.class).inBulk(ids.subList(0, 2)).block();
		assertThat(byId).hasSize(2).containsKeys(ids.get(0), ids.get(1));
	}

	@Test
	void sqlShowsTheTextWithPlaceholdersAndExplainTheDatabasesPlan() {
		String sql = this.ctx.objects(Event.class).filter("name", "secret value").orderBy("name").sql();
		assertThat(sql).startsWith("SELECT ").contains("ORDER BY").doesNotContain("secret value");
		assertThat(this.ctx.objects(Event.class).distinct().sql()).startsWith("SELECT DISTINCT ");
		assertThat(this.ctx.objects(Event.class).filter("name", "x").explain().block()).isNotBlank();
	}

	@Test
	void selectForUpdateLocksInsideATransactionAndIsRefusedOutsideOne() {
		this.ctx.create(new Tournament("Cup")).block();
		assertThat(this.ctx.objects(Tournament.class).selectForUpdate().sql().contains("FOR UPDATE")).isEqualTo(locksRows());
		assertThatThrownBy(() -> this.ctx.objects(Tournament.class).selectForUpdate().all().blockLast())
			.isInstanceOf(TransactionManagementException.class)
			.hasMessageContaining("selectForUpdate() on Tournament needs a transaction on connection \"default\"");
		List<String> locked = this.ctx.inTransaction("default", (tx) -> tx.objects(Tournament.class).selectForUpdate()
			.all().map((t) -> t.name)).collectList().block();
		assertThat(locked).containsExactly("Cup");
		assertThatThrownBy(() -> this.ctx.objects(Tournament.class).selectForUpdate(true, true))
			.isInstanceOf(ParamsException.class).hasMessageContaining("nowait or skipLocked, not both");
		assertThatThrownBy(() -> this.ctx.objects(Tournament.class).selectForUpdate(false, false, "nope").sql())
			.isInstanceOf(RuntimeException.class).hasMessageContaining("nope");
	}

	private Tournament tournamentWith(String name, int... prizes) {
		Tournament t = this.ctx.create(new Tournament(name)).block();
		int i = 0;
		for (int prize : prizes) {
			Event e = new Event(name + "-" + i++, t);
			e.prize = BigDecimal.valueOf(prize);
			this.ctx.create(e).block();
		}
		return t;
	}

	private static long number(Object value) {
		return ((Number) value).longValue();
	}

	@Test
	void annotationsCountRelatedRowsAndFiltersAndOrderingsNameThem() {
		tournamentWith("Cup", 10, 20);
		tournamentWith("Open", 5);
		tournamentWith("Empty");
		List<Tournament> ranked = this.ctx.objects(Tournament.class).annotate("eventCount", Functions.count("events"))
			.orderBy("-eventCount", "name").all().collectList().block();
		assertThat(ranked).extracting((t) -> t.name + ":" + t.eventCount).containsExactly("Cup:2", "Open:1", "Empty:0");
		assertThat(number(this.ctx.annotation(ranked.get(0), "eventCount"))).isEqualTo(2);
		QuerySet<Tournament> busy = this.ctx.objects(Tournament.class).annotate("eventCount", Functions.count("events"))
			.filter("eventCount__gte", 1);
		assertThat(busy.orderBy("name").all().map((t) -> t.name).collectList().block()).containsExactly("Cup", "Open");
		assertThat(busy.count().block()).as("counted by groups (HAVING)").isEqualTo(2);
		assertThat(busy.filter("name", "Empty").exists().block()).isFalse();
		assertThat(this.ctx.objects(Tournament.class).annotate("eventCount", Functions.count("events"))
			.filter("eventCount", 0).values("name").map((m) -> m.get("name")).collectList().block()).containsExactly("Empty");
	}

	@Test
	void sumsPerRowPerGroupAndOverEveryRow() {
		tournamentWith("Cup", 10, 20);
		tournamentWith("Open", 5);
		tournamentWith("Empty");
		Map<Object, Object> totals = new java.util.HashMap<>();
		this.ctx.objects(Tournament.class).annotate("total", Functions.sum("events__prize")).values("name", "total")
			.toIterable().forEach((row) -> totals.put(row.get("name"), row.get("total")));
		assertThat(number(totals.get("Cup"))).isEqualTo(30);
		assertThat(number(totals.get("Open"))).isEqualTo(5);
		assertThat(totals.get("Empty")).as("SUM over no rows").isNull();
		List<List<Object>> perTournament = this.ctx.objects(Event.class).annotate("total", Functions.sum("prize"))
			.groupBy("tournament__name").orderBy("tournament__name").valuesList("tournament__name", "total")
			.collectList().block();
		assertThat(perTournament).extracting((row) -> row.get(0) + "=" + number(row.get(1)))
			.containsExactly("Cup=30", "Open=5");
		Map<String, Object> all = this.ctx.objects(Event.class)
			.aggregate(Map.of("total", Functions.sum("prize"), "events", Functions.count("id"),
					"top", Functions.max("prize")))
			.block();
		assertThat(number(all.get("total"))).isEqualTo(35);
		assertThat(number(all.get("events"))).isEqualTo(3);
		assertThat(number(all.get("top"))).isEqualTo(20);
		assertThat(number(this.ctx.objects(Event.class).filter("tournament__name", "Open")
			.aggregate(Map.of("n", Functions.count("id", true))).block().get("n"))).isEqualTo(1);
	}

	@Test
	void functionsInAnnotationsAndFilters() {
		Tournament cup = this.ctx.create(new Tournament("  Cup ")).block();
		Map<String, Object> row = this.ctx.objects(Tournament.class)
			.annotate("lower", Functions.lower("name"))
			.annotate("upper", Functions.upper("name"))
			.annotate("trimmed", Functions.trim("name"))
			.annotate("length", Functions.length("name"))
			.annotate("label", Functions.concat("name", "#", F.of("id")))
			.annotate("note", Functions.coalesce("notes", "none"))
			.values("lower", "upper", "trimmed", "length", "label", "note").blockFirst();
		assertThat(row).containsEntry("lower", "  cup ").containsEntry("upper", "  CUP ").containsEntry("trimmed", "Cup")
			.containsEntry("label", "  Cup #" + cup.id).containsEntry("note", "none");
		assertThat(number(row.get("length"))).as("characters, on MySQL too").isEqualTo(6);
		assertThat(this.ctx.objects(Tournament.class).annotate("trimmed", Functions.trim("name"))
			.filter("trimmed", "Cup").count().block()).isEqualTo(1);
		assertThat(this.ctx.objects(Tournament.class).annotate("label", Functions.concat("notes", "x"))
			.values("label").blockFirst()).as("a NULL part is skipped, as PostgreSQL's CONCAT skips it")
			.containsEntry("label", "x");
	}

	@Test
	void aggregateMistakesAreNamed() {
		assertThatThrownBy(() -> this.ctx.objects(Tournament.class).annotate("n", Functions.count("nope")).all().blockLast())
			.isInstanceOf(FieldException.class).hasMessageContaining("nope");
		assertThatThrownBy(() -> this.ctx.objects(Tournament.class).aggregate(Map.of("s", Functions.sum("name"))).block())
			.isInstanceOf(FieldException.class).hasMessageContaining("arithmetic needs a number field");
		assertThatThrownBy(() -> this.ctx.objects(Tournament.class).aggregate(Map.of("x", F.of("id"))).block())
			.isInstanceOf(ParamsException.class).hasMessageContaining("aggregates no rows");
		assertThatThrownBy(() -> this.ctx.objects(Tournament.class).annotate("name", Functions.count("events")))
			.isInstanceOf(FieldException.class).hasMessageContaining("names a field of Tournament");
		assertThatThrownBy(() -> this.ctx.annotation(new Tournament("x"), "eventCount"))
			.isInstanceOf(FieldException.class).hasMessageContaining("not read with an annotation named \"eventCount\"");
	}

	@Test
	void rawSqlMapsRowsOntoTheModelAndBindsEveryValue() {
		tournamentWith("Cup", 10, 20);
		tournamentWith("Open", 5);
		String hostile = "x' OR '1'='1";
		List<Tournament> found = this.ctx.raw(Tournament.class,
				"SELECT t.*, (SELECT COUNT(*) FROM event e WHERE e.tournament_id = t.id) AS n FROM tournament t"
						+ " WHERE t.name = ? OR t.name = ? ORDER BY t.name", "Cup", hostile)
			.collectList().block();
		assertThat(found).extracting((t) -> t.name).as("the quote stays a value").containsExactly("Cup");
		assertThat(found.get(0).created).as("columns decoded as the ORM decodes them").isNotNull();
		assertThat(found.get(0).events.isFetched()).isFalse();
		assertThat(number(this.ctx.annotation(found.get(0), "n"))).as("a column of no field").isEqualTo(2);
		List<Map<String, Object>> rows = this.ctx.executeQuery("default",
				"SELECT name FROM tournament WHERE name <> '?' AND name LIKE ? ORDER BY name", "%pe%").collectList().block();
		assertThat(rows).hasSize(1);
		assertThat(rows.get(0).values()).containsExactly("Open");
		assertThat(this.ctx.executeQuery("default", "UPDATE tournament SET notes = ? WHERE name = ?", "n", "Cup")
			.collectList().block()).isEmpty();
		assertThat(this.ctx.objects(Tournament.class).filter("name", "Cup").get().block().notes).isEqualTo("n");
		assertThatThrownBy(() -> this.ctx.executeQuery("default", "SELECT ? + ?", 1).blockLast())
			.isInstanceOf(ParamsException.class).hasMessageContaining("2 ? placeholders but 1 arguments");
		assertThatThrownBy(() -> this.ctx.executeQuery("nope", "SELECT 1").blockLast())
			.hasMessageContaining("nope");
	}

	@Test
	void placeholdersInQuotesAndCommentsStayText() {
		assertThat(RawSql.pieces("SELECT '?', \"a?\", `b?` -- c?\n/* d? */ FROM t WHERE x = ? AND y = 'it''s?'"))
			.hasSize(2).first().asString().endsWith("WHERE x = ");
	}

	@Test
	void datePartLookupsCompareYearsMonthsDaysAndWeekdays() {
		// Tournament.created is set on creation; rows written by hand carry known dates.
		this.ctx.executeQuery("default", "INSERT INTO tournament (name, created) VALUES (?, ?)", "Old",
				java.time.LocalDateTime.of(2021, 3, 14, 15, 9, 26)).blockLast();
		this.ctx.executeQuery("default", "INSERT INTO tournament (name, created) VALUES (?, ?)", "Older",
				java.time.LocalDateTime.of(2019, 12, 29, 1, 2, 3)).blockLast();
		QuerySet<Tournament> all = this.ctx.objects(Tournament.class);
		assertThat(all.filter("created__year", 2021).valuesListFlat("name").collectList().block()).containsExactly("Old");
		assertThat(all.filter("created__month", 12).valuesListFlat("name").collectList().block()).containsExactly("Older");
		assertThat(all.filter("created__quarter", 1).valuesListFlat("name").collectList().block()).containsExactly("Old");
		assertThat(all.filter("created__day", 14).valuesListFlat("name").collectList().block()).containsExactly("Old");
		assertThat(all.filter("created__week_day", 1).valuesListFlat("name").collectList().block())
			.as("both were Sundays: 1, as Django counts").containsExactlyInAnyOrder("Old", "Older");
		assertThat(all.filter("created__hour", 15).valuesListFlat("name").collectList().block()).containsExactly("Old");
		assertThat(all.filter("created__minute", 2).valuesListFlat("name").collectList().block()).containsExactly("Older");
		assertThat(all.filter("created__second", 26).valuesListFlat("name").collectList().block()).containsExactly("Old");
		assertThat(all.filter("created__week", 52).valuesListFlat("name").collectList().block())
			.as("ISO week: 2019-12-29 is in week 52").containsExactly("Older");
		assertThatThrownBy(() -> all.filter("name__year", 2021).count().block()).isInstanceOf(FieldException.class)
			.hasMessageContaining("needs a date or date-time field");
		assertThatThrownBy(() -> all.filter("created__year", "2021").count().block())
			.isInstanceOf(dev.tortoise.exceptions.ValidationException.class).hasMessageContaining("takes a whole number");
	}

	@Test
	void bulkUpdateWritesTheNamedFieldsOfManyRowsInFewStatements() {
		List<Wallet> wallets = new java.util.ArrayList<>();
		for (int i = 0; i < 25; i++) {
			wallets.add(wallet("w" + i, i, 1.0));
		}
		wallets.forEach((w) -> {
			w.balance = w.balance * 10;
			w.owner = "not written";
		});
		long before = this.ctx.statementCount();
		assertThat(this.ctx.bulkUpdate(wallets, "balance").block()).isEqualTo(25);
		assertThat(this.ctx.statementCount() - before).as("one UPDATE for 25 rows").isEqualTo(1);
		assertThat(balances()).containsEntry("w3", 30).containsEntry("w24", 240).doesNotContainKey("not written");
		assertThatThrownBy(() -> this.ctx.bulkUpdate(wallets, "nope").block()).isInstanceOf(FieldException.class)
			.hasMessageContaining("\"nope\"");
	}

	@Test
	void bulkCreateSkipsOrUpdatesConflictingRows() {
		this.ctx.create(new Team("Ann")).block();
		List<Team> teams = List.of(new Team("Ann"), new Team("Bob"), new Team("Cid"));
		this.ctx.bulkCreate(teams, BulkOptions.defaults().ignoreConflicts().onConflict("name")).block();
		assertThat(this.ctx.objects(Team.class).orderBy("name").valuesListFlat("name").collectList().block())
			.containsExactly("Ann", "Bob", "Cid");
		assertThatThrownBy(() -> this.ctx.bulkCreate(List.of(new Team("Ann"))).block())
			.as("without options a conflict fails").isInstanceOf(IntegrityException.class);
		Tournament t = this.ctx.create(new Tournament("Cup")).block();
		Tournament again = new Tournament("Cup, renamed");
		again.id = t.id;
		again.notes = "upserted";
		Tournament fresh = new Tournament("New");
		fresh.id = t.id + 1000;
		this.ctx.bulkCreate(List.of(again, fresh), BulkOptions.defaults().onConflict("id").updateFields("name", "notes"))
			.block();
		assertThat(this.ctx.objects(Tournament.class).orderBy("id").valuesList("name", "notes").collectList().block())
			.containsExactly(List.of("Cup, renamed", "upserted"), java.util.Arrays.asList("New", null));
		assertThatThrownBy(() -> this.ctx.bulkCreate(List.of(new Tournament("x")),
				BulkOptions.defaults().onConflict("name").updateFields("notes")).block())
			.isInstanceOf(ParamsException.class).hasMessageContaining("names no unique constraint of Tournament");
	}

	@Test
	void bulkCreateInBatchesOfTheGivenSize() {
		List<Wallet> many = new java.util.ArrayList<>();
		for (int i = 0; i < 10; i++) {
			Wallet w = new Wallet();
			w.owner = "b" + i;
			many.add(w);
		}
		long before = this.ctx.statementCount();
		this.ctx.bulkCreate(many, BulkOptions.defaults().batchSize(4)).block();
		assertThat(this.ctx.objects(Wallet.class).count().block()).isEqualTo(10);
		assertThat(this.ctx.statementCount() - before).as("3 INSERTs, in a transaction").isGreaterThanOrEqualTo(3);
		assertThat(many).allMatch((w) -> w.id != null);
	}

	@Test
	void aHundredThousandRowsInsertWithinEveryDriversBoundValueLimit() {
		List<Wallet> many = new java.util.ArrayList<>(100_000);
		for (int i = 0; i < 100_000; i++) {
			Wallet w = new Wallet();
			w.owner = "o" + i;
			w.balance = i;
			many.add(w);
		}
		this.ctx.bulkCreate(many).block();
		assertThat(this.ctx.objects(Wallet.class).count().block()).isEqualTo(100_000);
		assertThat(many.get(99_999).id).as("keys set on every instance").isNotNull();
		assertThat(this.ctx.objects(Wallet.class).aggregate(Map.of("sum", Functions.sum("balance"))).block().get("sum"))
			.satisfies((sum) -> assertThat(number(sum)).isEqualTo(99_999L * 100_000 / 2));
	}

	@Test
	void signalsRunAroundWritesInTheirTransactionAndCanVetoThem() {
		List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
		reactor.core.Disposable pre = this.ctx.signals().on(dev.tortoise.signals.ModelSignal.PRE_SAVE, Team.class, (e) -> {
			heard.add("pre:" + e.instance().name + ":" + e.created() + ":" + e.updateFields());
			return "Forbidden".equals(e.instance().name)
					? reactor.core.publisher.Mono.error(new IllegalStateException("Forbidden is not a team name"))
					: reactor.core.publisher.Mono.empty();
		});
		reactor.core.Disposable post = this.ctx.signals().on(dev.tortoise.signals.ModelSignal.POST_SAVE, Team.class, (e) -> {
			heard.add("post:" + e.instance().name + ":" + (e.instance().id != null));
			// In the write's transaction: an audit row written by the listener.
			Wallet audit = new Wallet();
			audit.owner = "audit " + e.instance().name;
			return this.ctx.create(audit).then();
		});
		reactor.core.Disposable deleted = this.ctx.signals().on(dev.tortoise.signals.ModelSignal.POST_DELETE, Team.class,
				(e) -> reactor.core.publisher.Mono.fromRunnable(() -> heard.add("deleted:" + e.instance().name)));
		try {
			Team ann = this.ctx.create(new Team("Ann")).block();
			ann.name = "Anne";
			this.ctx.save(ann, "name").block();
			this.ctx.delete(ann).block();
			assertThat(heard).containsExactly("pre:Ann:true:[]", "post:Ann:true", "pre:Anne:false:[name]",
					"post:Anne:true", "deleted:Anne");
			long before = this.ctx.statementCount();
			assertThatThrownBy(() -> this.ctx.create(new Team("Forbidden")).block())
				.hasMessageContaining("Forbidden is not a team name");
			assertThat(this.ctx.statementCount()).as("vetoed before any SQL").isEqualTo(before);
			assertThatThrownBy(() -> this.ctx.inTransaction("default", (tx) -> tx.create(new Team("Rolled"))
				.then(reactor.core.publisher.Mono.error(new IllegalStateException("after the listener")))).blockLast())
				.hasMessageContaining("after the listener");
			assertThat(this.ctx.objects(Wallet.class).filter("owner", "audit Rolled").exists().block())
				.as("the listener's write rolled back with the transaction").isFalse();
			assertThat(this.ctx.objects(Wallet.class).filter("owner", "audit Ann").exists().block()).isTrue();
		}
		finally {
			pre.dispose();
			post.dispose();
			deleted.dispose();
		}
		this.ctx.create(new Team("Forbidden")).block();
		assertThat(this.ctx.objects(Team.class).filter("name", "Forbidden").exists().block()).as("disposed").isTrue();
	}

	/** Whether the database matches regular expressions in SQL (SQLite's REGEXP needs a function we do not add). */
	boolean hasRegex() {
		return true;
	}

	@Test
	void subqueriesFilterInOneStatement() {
		tournamentWith("Cup", 10, 20);
		tournamentWith("Open", 5);
		tournamentWith("Empty");
		QuerySet<Tournament> rich = this.ctx.objects(Tournament.class).filter("events__prize__gte", 10);
		long before = this.ctx.statementCount();
		List<Object> names = this.ctx.objects(Event.class).filter("tournament__in", rich.subquery("id"))
			.orderBy("name").valuesListFlat("name").collectList().block();
		assertThat(names).containsExactly("Cup-0", "Cup-1");
		assertThat(this.ctx.statementCount() - before).as("one statement, no list of ids fetched first").isEqualTo(1);
		assertThat(this.ctx.objects(Tournament.class)
			.filter("id__not_in", this.ctx.objects(Event.class).filter("prize__lt", 100).subquery("tournament"))
			.valuesListFlat("name").collectList().block()).containsExactly("Empty");
		// Cached by shape: another value in the inner filter, the right rows.
		assertThat(this.ctx.objects(Event.class)
			.filter("tournament__in", this.ctx.objects(Tournament.class).filter("name", "Open").subquery("id")).count()
			.block()).isEqualTo(1);
		assertThatThrownBy(() -> this.ctx.objects(Event.class).filter("tournament", rich.subquery("id")).count().block())
			.isInstanceOf(FieldException.class).hasMessageContaining("by __in or __not_in");
	}

	@Test
	void regularExpressionsWhereTheDatabaseHasThem() {
		tournamentWith("Cup 2024");
		tournamentWith("cup 2025");
		tournamentWith("League");
		QuerySet<Tournament> all = this.ctx.objects(Tournament.class);
		if (!hasRegex()) {
			assertThatThrownBy(() -> all.filter("name__regex", "^C").count().block()).isInstanceOf(FieldException.class)
				.hasMessageContaining("not available on sqlite");
			return;
		}
		assertThat(all.filter("name__regex", "^C.* 20[0-9]+$").valuesListFlat("name").collectList().block())
			.containsExactly("Cup 2024");
		assertThat(all.filter("name__iregex", "^cup").count().block()).isEqualTo(2);
		assertThat(all.filter("name__posix_regex", "e$").count().block()).isEqualTo(1);
		assertThatThrownBy(() -> all.filter("created__regex", "x").count().block()).isInstanceOf(FieldException.class)
			.hasMessageContaining("needs a text field");
	}

	@Test
	void fetchRelatedLoadsTheRelationsOfAListInOneQueryEach() {
		tournamentWith("Cup", 10, 20);
		tournamentWith("Open", 5);
		List<Tournament> read = this.ctx.objects(Tournament.class).orderBy("name").all().collectList().block();
		long before = this.ctx.statementCount();
		this.ctx.fetchRelated(read, "events").block();
		assertThat(this.ctx.statementCount() - before).isEqualTo(1);
		assertThat(read).extracting((t) -> t.events.size()).containsExactly(2, 1);
	}

	@Test
	void onlyReadsPartialInstancesThatSaveOnlyTheirFields() {
		Tournament cup = this.ctx.create(new Tournament("Cup")).block();
		this.ctx.objects(Tournament.class).filter("id", cup.id).update(Map.of("notes", "kept")).block();
		Tournament partial = this.ctx.objects(Tournament.class).only("name").get().block();
		assertThat(partial.id).isEqualTo(cup.id);
		assertThat(partial.name).isEqualTo("Cup");
		assertThat(partial.notes).as("not read").isNull();
		assertThat(this.ctx.objects(Tournament.class).only("name").sql()).doesNotContain("notes");
		assertThatThrownBy(() -> this.ctx.save(partial).block()).isInstanceOf(ParamsException.class)
			.hasMessageContaining("was read with only(...)");
		partial.name = "Cup 2";
		this.ctx.save(partial, "name").block();
		Tournament read = this.ctx.objects(Tournament.class).get().block();
		assertThat(read.name).isEqualTo("Cup 2");
		assertThat(read.notes).as("the field it did not hold is untouched").isEqualTo("kept");
		assertThatThrownBy(() -> this.ctx.objects(Tournament.class).only("nope")).isInstanceOf(FieldException.class)
			.hasMessageContaining("\"nope\"");
	}

	@Test
	void aggregatesOverTheRowsAFilterKeeps() {
		tournamentWith("Cup", 10, 20, 30);
		tournamentWith("Open", 5);
		Map<Object, List<Object>> byName = new java.util.HashMap<>();
		for (int limit : new int[] { 15, 25 }) {
			this.ctx.objects(Tournament.class)
				.annotate("big", Functions.count("events", Q.of("events__prize__gte", limit)))
				.annotate("bigTotal", Functions.sum("events__prize", Q.of("events__prize__gte", limit)))
				.orderBy("name").valuesList("name", "big", "bigTotal")
				.toIterable().forEach((row) -> byName.computeIfAbsent(row.get(0) + "@" + limit, (k) -> new java.util.ArrayList<>())
					.add(number(row.get(1)) + "/" + ((row.get(2) != null) ? number(row.get(2)) : "null")));
		}
		assertThat(byName).containsEntry("Cup@15", List.of("2/50")).containsEntry("Open@15", List.of("0/null"))
			.as("the same text, the other bound value").containsEntry("Cup@25", List.of("1/30"));
		assertThat(number(this.ctx.objects(Event.class)
			.aggregate(Map.of("n", Functions.count("id", Q.of("prize__lt", 25).and(Q.of("prize__gt", 5))))).block()
			.get("n"))).isEqualTo(2);
	}

}

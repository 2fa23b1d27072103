package dev.tortoise.schema;

import java.util.List;
import java.util.Map;

import dev.tortoise.Tortoise;
import dev.tortoise.exceptions.ConfigurationException;
import dev.tortoise.models.Apps;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The DDL for Tortoise ORM's own schema test models must be what Tortoise ORM's tests
 * expect, character for character (tests/schema/test_generate_schema.py), so that a
 * database created from Java and one created from Python are the same.
 */
class SchemaGeneratorTests {

	private static final Apps APPS = Tortoise.initModels(Map.of("models", List.of("dev.tortoise.testmodels.schema")));

	/** Tortoise's expected PostgreSQL schema; ours differs only where Tortoise allows SET NULL on a many-to-many. */
	static final String POSTGRES = """
			CREATE TABLE "company" (
			    "id" SERIAL NOT NULL PRIMARY KEY,
			    "name" TEXT NOT NULL,
			    "uuid" UUID NOT NULL UNIQUE
			);
			CREATE TABLE "defaultpk" (
			    "id" SERIAL NOT NULL PRIMARY KEY,
			    "val" INT NOT NULL
			);
			CREATE TABLE "employee" (
			    "id" SERIAL NOT NULL PRIMARY KEY,
			    "name" TEXT NOT NULL,
			    "company_id" UUID NOT NULL REFERENCES "company" ("uuid") ON DELETE CASCADE
			);
			CREATE TABLE "inheritedmodel" (
			    "id" SERIAL NOT NULL PRIMARY KEY,
			    "zero" INT NOT NULL,
			    "one" VARCHAR(40),
			    "new_field" VARCHAR(100) NOT NULL,
			    "two" VARCHAR(40) NOT NULL,
			    "name" TEXT NOT NULL
			);
			CREATE TABLE "sometable" (
			    "sometable_id" SERIAL NOT NULL PRIMARY KEY,
			    "some_chars_table" VARCHAR(255) NOT NULL,
			    "fk_sometable" INT REFERENCES "sometable" ("sometable_id") ON DELETE CASCADE
			);
			CREATE INDEX "idx_sometable_some_ch_3d69eb" ON "sometable" ("some_chars_table");
			CREATE TABLE "team" (
			    "name" VARCHAR(50) NOT NULL PRIMARY KEY,
			    "key" INT NOT NULL,
			    "manager_id" VARCHAR(50) REFERENCES "team" ("name") ON DELETE CASCADE
			);
			CREATE INDEX "idx_team_manager_676134" ON "team" ("manager_id", "key");
			CREATE INDEX "idx_team_manager_ef8f69" ON "team" ("manager_id", "name");
			COMMENT ON COLUMN "team"."name" IS 'The TEAM name (and PK)';
			COMMENT ON TABLE "team" IS 'The TEAMS!';
			CREATE TABLE "teamaddress" (
			    "city" VARCHAR(50) NOT NULL,
			    "country" VARCHAR(50) NOT NULL,
			    "street" VARCHAR(128) NOT NULL,
			    "team_id" VARCHAR(50) NOT NULL PRIMARY KEY REFERENCES "team" ("name") ON DELETE CASCADE
			);
			COMMENT ON COLUMN "teamaddress"."city" IS 'City';
			COMMENT ON COLUMN "teamaddress"."country" IS 'Country';
			COMMENT ON COLUMN "teamaddress"."street" IS 'Street Address';
			COMMENT ON TABLE "teamaddress" IS 'The Team''s address';
			CREATE TABLE "tournament" (
			    "tid" SMALLSERIAL NOT NULL PRIMARY KEY,
			    "name" VARCHAR(100) NOT NULL,
			    "created" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP
			);
			CREATE INDEX "idx_tournament_name_6fe200" ON "tournament" ("name");
			COMMENT ON COLUMN "tournament"."name" IS 'Tournament name';
			COMMENT ON COLUMN "tournament"."created" IS 'Created */''`/* datetime';
			COMMENT ON TABLE "tournament" IS 'What Tournaments */''`/* we have';
			CREATE TABLE "event" (
			    "id" BIGSERIAL NOT NULL PRIMARY KEY,
			    "name" TEXT NOT NULL,
			    "modified" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
			    "prize" DECIMAL(10,2),
			    "token" VARCHAR(100) NOT NULL UNIQUE,
			    "key" VARCHAR(100) NOT NULL,
			    "tournament_id" SMALLINT NOT NULL REFERENCES "tournament" ("tid") ON DELETE CASCADE,
			    CONSTRAINT "uid_event_name_c6f89f" UNIQUE ("name", "prize"),
			    CONSTRAINT "uid_event_tournam_a5b730" UNIQUE ("tournament_id", "key")
			);
			COMMENT ON COLUMN "event"."id" IS 'Event ID';
			COMMENT ON COLUMN "event"."token" IS 'Unique token';
			COMMENT ON COLUMN "event"."tournament_id" IS 'FK to tournament';
			COMMENT ON TABLE "event" IS 'This table contains a list of all the events';
			CREATE TABLE "venueinformation" (
			    "id" SERIAL NOT NULL PRIMARY KEY,
			    "name" VARCHAR(128) NOT NULL,
			    "capacity" INT NOT NULL,
			    "rent" DOUBLE PRECISION NOT NULL,
			    "team_id" VARCHAR(50) UNIQUE REFERENCES "team" ("name") ON DELETE SET NULL
			);
			COMMENT ON COLUMN "venueinformation"."capacity" IS 'No. of seats';
			CREATE TABLE "sometable_self" (
			    "backward_sts" INT NOT NULL REFERENCES "sometable" ("sometable_id") ON DELETE CASCADE,
			    "sts_forward" INT NOT NULL REFERENCES "sometable" ("sometable_id") ON DELETE CASCADE
			);
			CREATE UNIQUE INDEX "uidx_sometable_s_backwar_fc8fc8" ON "sometable_self" ("backward_sts", "sts_forward");
			CREATE TABLE "team_team" (
			    "team_rel_id" VARCHAR(50) NOT NULL REFERENCES "team" ("name") ON DELETE CASCADE,
			    "team_id" VARCHAR(50) NOT NULL REFERENCES "team" ("name") ON DELETE CASCADE
			);
			CREATE UNIQUE INDEX "uidx_team_team_team_re_d994df" ON "team_team" ("team_rel_id", "team_id");
			CREATE TABLE "teamevents" (
			    "event_id" BIGINT NOT NULL REFERENCES "event" ("id") ON DELETE CASCADE,
			    "team_id" VARCHAR(50) NOT NULL REFERENCES "team" ("name") ON DELETE CASCADE
			);
			COMMENT ON TABLE "teamevents" IS 'How participants relate';
			CREATE UNIQUE INDEX "uidx_teamevents_event_i_664dbc" ON "teamevents" ("event_id", "team_id");""";

	/**
	 * Tortoise's expected SQLite schema (its test suite's SQLite DDL), with the same one
	 * difference as on PostgreSQL.
	 */
	static final String SQLITE = """
			CREATE TABLE "company" (
			    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
			    "name" TEXT NOT NULL,
			    "uuid" CHAR(36) NOT NULL UNIQUE
			);
			CREATE TABLE "defaultpk" (
			    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
			    "val" INT NOT NULL
			);
			CREATE TABLE "employee" (
			    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
			    "name" TEXT NOT NULL,
			    "company_id" CHAR(36) NOT NULL REFERENCES "company" ("uuid") ON DELETE CASCADE
			);
			CREATE TABLE "inheritedmodel" (
			    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
			    "zero" INT NOT NULL,
			    "one" VARCHAR(40),
			    "new_field" VARCHAR(100) NOT NULL,
			    "two" VARCHAR(40) NOT NULL,
			    "name" TEXT NOT NULL
			);
			CREATE TABLE "sometable" (
			    "sometable_id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
			    "some_chars_table" VARCHAR(255) NOT NULL,
			    "fk_sometable" INT REFERENCES "sometable" ("sometable_id") ON DELETE CASCADE
			);
			CREATE INDEX "idx_sometable_some_ch_3d69eb" ON "sometable" ("some_chars_table");
			CREATE TABLE "team" (
			    "name" VARCHAR(50) NOT NULL PRIMARY KEY /* The TEAM name (and PK) */,
			    "key" INT NOT NULL,
			    "manager_id" VARCHAR(50) REFERENCES "team" ("name") ON DELETE CASCADE
			) /* The TEAMS! */;
			CREATE INDEX "idx_team_manager_676134" ON "team" ("manager_id", "key");
			CREATE INDEX "idx_team_manager_ef8f69" ON "team" ("manager_id", "name");
			CREATE TABLE "teamaddress" (
			    "city" VARCHAR(50) NOT NULL /* City */,
			    "country" VARCHAR(50) NOT NULL /* Country */,
			    "street" VARCHAR(128) NOT NULL /* Street Address */,
			    "team_id" VARCHAR(50) NOT NULL PRIMARY KEY REFERENCES "team" ("name") ON DELETE CASCADE
			) /* The Team's address */;
			CREATE TABLE "tournament" (
			    "tid" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
			    "name" VARCHAR(100) NOT NULL /* Tournament name */,
			    "created" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP /* Created *\\/'`\\/* datetime */
			) /* What Tournaments *\\/'`\\/* we have */;
			CREATE INDEX "idx_tournament_name_6fe200" ON "tournament" ("name");
			CREATE TABLE "event" (
			    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL /* Event ID */,
			    "name" TEXT NOT NULL,
			    "modified" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
			    "prize" VARCHAR(40),
			    "token" VARCHAR(100) NOT NULL UNIQUE /* Unique token */,
			    "key" VARCHAR(100) NOT NULL,
			    "tournament_id" SMALLINT NOT NULL REFERENCES "tournament" ("tid") ON DELETE CASCADE /* FK to tournament */,
			    CONSTRAINT "uid_event_name_c6f89f" UNIQUE ("name", "prize"),
			    CONSTRAINT "uid_event_tournam_a5b730" UNIQUE ("tournament_id", "key")
			) /* This table contains a list of all the events */;
			CREATE TABLE "venueinformation" (
			    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
			    "name" VARCHAR(128) NOT NULL,
			    "capacity" INT NOT NULL /* No. of seats */,
			    "rent" REAL NOT NULL,
			    "team_id" VARCHAR(50) UNIQUE REFERENCES "team" ("name") ON DELETE SET NULL
			);
			CREATE TABLE "sometable_self" (
			    "backward_sts" INT NOT NULL REFERENCES "sometable" ("sometable_id") ON DELETE CASCADE,
			    "sts_forward" INT NOT NULL REFERENCES "sometable" ("sometable_id") ON DELETE CASCADE
			);
			CREATE UNIQUE INDEX "uidx_sometable_s_backwar_fc8fc8" ON "sometable_self" ("backward_sts", "sts_forward");
			CREATE TABLE "team_team" (
			    "team_rel_id" VARCHAR(50) NOT NULL REFERENCES "team" ("name") ON DELETE CASCADE,
			    "team_id" VARCHAR(50) NOT NULL REFERENCES "team" ("name") ON DELETE CASCADE
			);
			CREATE UNIQUE INDEX "uidx_team_team_team_re_d994df" ON "team_team" ("team_rel_id", "team_id");
			CREATE TABLE "teamevents" (
			    "event_id" BIGINT NOT NULL REFERENCES "event" ("id") ON DELETE CASCADE,
			    "team_id" VARCHAR(50) NOT NULL REFERENCES "team" ("name") ON DELETE CASCADE
			) /* How participants relate */;
			CREATE UNIQUE INDEX "uidx_teamevents_event_i_664dbc" ON "teamevents" ("event_id", "team_id");""";

	/** Tortoise's expected MySQL schema, with the same one difference. */
	static final String MYSQL = """
			CREATE TABLE `company` (
			    `id` INT NOT NULL PRIMARY KEY AUTO_INCREMENT,
			    `name` LONGTEXT NOT NULL,
			    `uuid` CHAR(36) NOT NULL UNIQUE
			) CHARACTER SET utf8mb4;
			CREATE TABLE `defaultpk` (
			    `id` INT NOT NULL PRIMARY KEY AUTO_INCREMENT,
			    `val` INT NOT NULL
			) CHARACTER SET utf8mb4;
			CREATE TABLE `employee` (
			    `id` INT NOT NULL PRIMARY KEY AUTO_INCREMENT,
			    `name` LONGTEXT NOT NULL,
			    `company_id` CHAR(36) NOT NULL,
			    CONSTRAINT `fk_employee_company_08999a42` FOREIGN KEY (`company_id`) REFERENCES `company` (`uuid`) ON DELETE CASCADE
			) CHARACTER SET utf8mb4;
			CREATE TABLE `inheritedmodel` (
			    `id` INT NOT NULL PRIMARY KEY AUTO_INCREMENT,
			    `zero` INT NOT NULL,
			    `one` VARCHAR(40),
			    `new_field` VARCHAR(100) NOT NULL,
			    `two` VARCHAR(40) NOT NULL,
			    `name` LONGTEXT NOT NULL
			) CHARACTER SET utf8mb4;
			CREATE TABLE `sometable` (
			    `sometable_id` INT NOT NULL PRIMARY KEY AUTO_INCREMENT,
			    `some_chars_table` VARCHAR(255) NOT NULL,
			    `fk_sometable` INT,
			    CONSTRAINT `fk_sometabl_sometabl_6efae9bd` FOREIGN KEY (`fk_sometable`) REFERENCES `sometable` (`sometable_id`) ON DELETE CASCADE,
			    KEY `idx_sometable_some_ch_3d69eb` (`some_chars_table`)
			) CHARACTER SET utf8mb4;
			CREATE TABLE `team` (
			    `name` VARCHAR(50) NOT NULL PRIMARY KEY COMMENT 'The TEAM name (and PK)',
			    `key` INT NOT NULL,
			    `manager_id` VARCHAR(50),
			    CONSTRAINT `fk_team_team_9c77cd8f` FOREIGN KEY (`manager_id`) REFERENCES `team` (`name`) ON DELETE CASCADE,
			    KEY `idx_team_manager_676134` (`manager_id`, `key`),
			    KEY `idx_team_manager_ef8f69` (`manager_id`, `name`)
			) CHARACTER SET utf8mb4 COMMENT='The TEAMS!';
			CREATE TABLE `teamaddress` (
			    `city` VARCHAR(50) NOT NULL COMMENT 'City',
			    `country` VARCHAR(50) NOT NULL COMMENT 'Country',
			    `street` VARCHAR(128) NOT NULL COMMENT 'Street Address',
			    `team_id` VARCHAR(50) NOT NULL PRIMARY KEY,
			    CONSTRAINT `fk_teamaddr_team_1c78d737` FOREIGN KEY (`team_id`) REFERENCES `team` (`name`) ON DELETE CASCADE
			) CHARACTER SET utf8mb4 COMMENT='The Team\\'s address';
			CREATE TABLE `tournament` (
			    `tid` SMALLINT NOT NULL PRIMARY KEY AUTO_INCREMENT,
			    `name` VARCHAR(100) NOT NULL COMMENT 'Tournament name',
			    `created` DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) COMMENT 'Created */\\'`/* datetime',
			    KEY `idx_tournament_name_6fe200` (`name`)
			) CHARACTER SET utf8mb4 COMMENT='What Tournaments */\\'`/* we have';
			CREATE TABLE `event` (
			    `id` BIGINT NOT NULL PRIMARY KEY AUTO_INCREMENT COMMENT 'Event ID',
			    `name` LONGTEXT NOT NULL,
			    `modified` DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
			    `prize` DECIMAL(10,2),
			    `token` VARCHAR(100) NOT NULL UNIQUE COMMENT 'Unique token',
			    `key` VARCHAR(100) NOT NULL,
			    `tournament_id` SMALLINT NOT NULL COMMENT 'FK to tournament',
			    UNIQUE KEY `uid_event_name_c6f89f` (`name`, `prize`),
			    UNIQUE KEY `uid_event_tournam_a5b730` (`tournament_id`, `key`),
			    CONSTRAINT `fk_event_tourname_51c2b82d` FOREIGN KEY (`tournament_id`) REFERENCES `tournament` (`tid`) ON DELETE CASCADE
			) CHARACTER SET utf8mb4 COMMENT='This table contains a list of all the events';
			CREATE TABLE `venueinformation` (
			    `id` INT NOT NULL PRIMARY KEY AUTO_INCREMENT,
			    `name` VARCHAR(128) NOT NULL,
			    `capacity` INT NOT NULL COMMENT 'No. of seats',
			    `rent` DOUBLE NOT NULL,
			    `team_id` VARCHAR(50) UNIQUE,
			    CONSTRAINT `fk_venueinf_team_198af929` FOREIGN KEY (`team_id`) REFERENCES `team` (`name`) ON DELETE SET NULL
			) CHARACTER SET utf8mb4;
			CREATE TABLE `sometable_self` (
			    `backward_sts` INT NOT NULL,
			    `sts_forward` INT NOT NULL,
			    FOREIGN KEY (`backward_sts`) REFERENCES `sometable` (`sometable_id`) ON DELETE CASCADE,
			    FOREIGN KEY (`sts_forward`) REFERENCES `sometable` (`sometable_id`) ON DELETE CASCADE,
			    UNIQUE KEY `uidx_sometable_s_backwar_fc8fc8` (`backward_sts`, `sts_forward`)
			) CHARACTER SET utf8mb4;
			CREATE TABLE `team_team` (
			    `team_rel_id` VARCHAR(50) NOT NULL,
			    `team_id` VARCHAR(50) NOT NULL,
			    FOREIGN KEY (`team_rel_id`) REFERENCES `team` (`name`) ON DELETE CASCADE,
			    FOREIGN KEY (`team_id`) REFERENCES `team` (`name`) ON DELETE CASCADE,
			    UNIQUE KEY `uidx_team_team_team_re_d994df` (`team_rel_id`, `team_id`)
			) CHARACTER SET utf8mb4;
			CREATE TABLE `teamevents` (
			    `event_id` BIGINT NOT NULL,
			    `team_id` VARCHAR(50) NOT NULL,
			    FOREIGN KEY (`event_id`) REFERENCES `event` (`id`) ON DELETE CASCADE,
			    FOREIGN KEY (`team_id`) REFERENCES `team` (`name`) ON DELETE CASCADE,
			    UNIQUE KEY `uidx_teamevents_event_i_664dbc` (`event_id`, `team_id`)
			) CHARACTER SET utf8mb4 COMMENT='How participants relate';""";

	private static String sql(String engine, boolean safe) {
		return new SchemaGenerator(Dialect.forEngine(engine)).sql(APPS.all(), safe);
	}

	@Test
	void postgresSchemaIsTortoises() {
		assertThat(sql("postgres", false)).isEqualTo(POSTGRES);
	}

	@Test
	void postgresSafeSchemaAddsIfNotExistsEverywhere() {
		String expected = POSTGRES.replace("CREATE TABLE ", "CREATE TABLE IF NOT EXISTS ")
			.replace("CREATE INDEX ", "CREATE INDEX IF NOT EXISTS ")
			.replace("CREATE UNIQUE INDEX ", "CREATE UNIQUE INDEX IF NOT EXISTS ");
		assertThat(sql("postgres", true)).isEqualTo(expected);
	}

	@Test
	void sqliteSchemaIsTortoises() {
		assertThat(sql("sqlite", false)).isEqualTo(SQLITE);
	}

	@Test
	void sqliteSafeSchemaAddsIfNotExistsEverywhere() {
		String expected = SQLITE.replace("CREATE TABLE ", "CREATE TABLE IF NOT EXISTS ")
			.replace("CREATE INDEX ", "CREATE INDEX IF NOT EXISTS ")
			.replace("CREATE UNIQUE INDEX ", "CREATE UNIQUE INDEX IF NOT EXISTS ");
		assertThat(sql("sqlite", true)).isEqualTo(expected);
	}

	@Test
	void sqliteCommentsCannotCloseThemselves() {
		assertThat(SqliteDialect.comment("a */ b\\n'\"")).isEqualTo(" /* a *\\/ b\\\\n'\" */");
	}

	@Test
	void mysqlSchemaIsTortoises() {
		assertThat(sql("mysql", false)).isEqualTo(MYSQL);
	}

	@Test
	void mysqlSafeSchemaUsesIfNotExistsOnTables() {
		assertThat(sql("mysql", true)).isEqualTo(MYSQL.replace("CREATE TABLE ", "CREATE TABLE IF NOT EXISTS "));
	}

	@Test
	void h2SchemaUsesH2TypesAndIdentityKeys() {
		String h2 = sql("h2", false);
		assertThat(h2).contains("\"tid\" SMALLINT GENERATED BY DEFAULT AS IDENTITY NOT NULL PRIMARY KEY")
			.contains("\"id\" BIGINT GENERATED BY DEFAULT AS IDENTITY NOT NULL PRIMARY KEY")
			.contains("\"created\" TIMESTAMP WITH TIME ZONE NOT NULL")
			.contains("\"uuid\" UUID NOT NULL UNIQUE")
			.contains("\"name\" VARCHAR NOT NULL")
			.contains("CONSTRAINT \"uid_event_name_c6f89f\" UNIQUE (\"name\", \"prize\")")
			.contains("COMMENT ON TABLE \"teamaddress\" IS 'The Team''s address';");
	}

	@Test
	void tablesComeAfterTheTablesTheyReference() {
		List<String> statements = new SchemaGenerator(Dialect.forEngine("postgres")).statements(APPS.all(), false);
		assertThat(indexOfTable(statements, "tournament")).isLessThan(indexOfTable(statements, "event"));
		assertThat(indexOfTable(statements, "company")).isLessThan(indexOfTable(statements, "employee"));
		assertThat(indexOfTable(statements, "event")).isLessThan(indexOfTable(statements, "teamevents"));
		assertThat(statements).allMatch((s) -> s.endsWith(";"));
	}

	private static int indexOfTable(List<String> statements, String table) {
		for (int i = 0; i < statements.size(); i++) {
			if (statements.get(i).startsWith("CREATE TABLE \"" + table + "\" (")) {
				return i;
			}
		}
		throw new AssertionError("no CREATE TABLE for " + table);
	}

	@Test
	void indexNamesFollowTortoise() {
		assertThat(Dialect.indexName("idx", "team", List.of("manager_id", "key"))).isEqualTo("idx_team_manager_676134");
		assertThat(Dialect.indexName("uid", "event", List.of("tournament_id", "key"))).isEqualTo("uid_event_tournam_a5b730");
		assertThat(Dialect.foreignKeyName("team", "manager_id", "team", "name")).isEqualTo("fk_team_team_9c77cd8f");
	}

	@dev.tortoise.models.Model
	static class Chicken {

		Integer id;

		@dev.tortoise.fields.ForeignKeyField(relatedName = "chickens")
		Egg egg;

	}

	@dev.tortoise.models.Model
	static class Egg {

		Integer id;

		@dev.tortoise.fields.ForeignKeyField(relatedName = "eggs")
		Chicken chicken;

	}

	@dev.tortoise.models.Model
	static class LooseChicken {

		Integer id;

		@dev.tortoise.fields.ForeignKeyField(relatedName = "chickens", dbConstraint = false)
		LooseEgg egg;

	}

	@dev.tortoise.models.Model
	static class LooseEgg {

		Integer id;

		@dev.tortoise.fields.ForeignKeyField(relatedName = "eggs")
		LooseChicken chicken;

	}

	private static Apps models(Class<?>... classes) {
		return Tortoise.initModels(Map.of("models", java.util.Arrays.stream(classes).map(Class::getName).toList()));
	}

	@Test
	void foreignKeyCycleNamesTheTables() {
		Apps apps = models(Chicken.class, Egg.class);
		assertThatThrownBy(() -> new SchemaGenerator(Dialect.forEngine("postgres")).sql(apps.all(), true))
			.isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("Can't create schema due to cyclic fk references between tables \"chicken\", \"egg\"");
	}

	@Test
	void cycleThroughAnUnconstrainedKeyIsOrderedAnyway() {
		Apps apps = models(LooseChicken.class, LooseEgg.class);
		List<String> statements = new SchemaGenerator(Dialect.forEngine("postgres")).statements(apps.all(), false);
		assertThat(indexOfTable(statements, "loosechicken")).isLessThan(indexOfTable(statements, "looseegg"));
		assertThat(String.join("\n", statements)).contains("\"egg_id\" INT NOT NULL\n);")
			.contains("\"chicken_id\" INT NOT NULL REFERENCES \"loosechicken\" (\"id\") ON DELETE CASCADE");
	}

	@Test
	void unknownEngineHasNoDialect() {
		assertThatThrownBy(() -> Dialect.forEngine("oracle")).isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("\"oracle\"");
	}

	@dev.tortoise.models.Model
	@dev.tortoise.models.Index(value = "title", name = "live_titles", condition = "live = true")
	@dev.tortoise.models.Index(value = "body", type = dev.tortoise.models.IndexType.GIN)
	static class Post {

		Integer id;

		String title;

		@dev.tortoise.fields.TextField
		String body;

		boolean live;

	}

	@dev.tortoise.models.Model
	@dev.tortoise.models.Index(value = "title", condition = "live = maybe")
	static class BadCondition {

		Integer id;

		String title;

		boolean live;

	}

	@dev.tortoise.models.Model
	@dev.tortoise.models.Index(value = "title", parser = "ngram")
	static class ParserWithoutFullText {

		Integer id;

		String title;

	}

	@Test
	void indexesWithANameAKindAConditionOrAParserAsEachDatabaseWritesThem() {
		Apps apps = models(Post.class);
		assertThatThrownBy(() -> new SchemaGenerator(Dialect.forEngine("mysql")).sql(apps.all(), true))
			.isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("Post has index \"live_titles\", a partial index, which mysql does not have");
		assertThat(new SchemaGenerator(Dialect.forEngine("postgres")).statements(apps.all(), true))
			.as("IF NOT EXISTS, the method after the table, the condition as Tortoise's PartialIndex writes it")
			.contains("CREATE INDEX IF NOT EXISTS \"live_titles\" ON \"post\" (\"title\") WHERE \"live\" = true;")
			.contains("CREATE INDEX IF NOT EXISTS \"" + Dialect.indexName("idx", "post", List.of("body"))
					+ "\" ON \"post\" USING GIN (\"body\");");
		assertThatThrownBy(() -> new SchemaGenerator(Dialect.forEngine("sqlite")).sql(apps.all(), true))
			.isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("Post has index \"idx_post_body_").hasMessageContaining("a GIN index, which sqlite does not have");
	}

	@dev.tortoise.models.Model
	@dev.tortoise.models.Index(value = { "title", "body" }, type = dev.tortoise.models.IndexType.FULLTEXT,
			name = "title_body", parser = "ngram")
	static class FullTextPost {

		Integer id;

		String title;

		@dev.tortoise.fields.TextField
		String body;

	}

	@Test
	void fullTextIndexesAreWrittenInsideMySqlsCreateTableWithTheirParser() {
		assertThat(new SchemaGenerator(Dialect.forEngine("mysql")).sql(models(FullTextPost.class).all(), true))
			.contains("    FULLTEXT KEY `title_body` (`title`, `body`) WITH PARSER ngram\n) CHARACTER SET utf8mb4;");
	}

	@Test
	void indexConditionsAndParsersAreCheckedAtInit() {
		assertThatThrownBy(() -> models(BadCondition.class)).isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("has condition \"live = maybe\"; write each as \"field = value\"");
		assertThatThrownBy(() -> models(ParserWithoutFullText.class)).isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("only a FULLTEXT index takes one");
	}

}

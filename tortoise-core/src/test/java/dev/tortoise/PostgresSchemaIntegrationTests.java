package dev.tortoise;

import java.util.Map;

import dev.tortoise.config.TortoiseConfig;
import dev.tortoise.testing.Sql;
import dev.tortoise.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link SchemaIntegrationTests} on a real PostgreSQL server, in a schema of its own. */
class PostgresSchemaIntegrationTests extends ServerSchemaIntegrationTests {

	@Override
	TestDatabase createDatabase() {
		return TestDatabase.postgres("schema");
	}

	@Override
	String tablesSql() {
		return "SELECT table_name FROM information_schema.tables WHERE table_schema = " + schema();
	}

	@Override
	String namesSql() {
		return "SELECT indexname FROM pg_indexes WHERE schemaname = " + schema()
				+ " UNION SELECT constraint_name FROM information_schema.table_constraints WHERE table_schema = " + schema();
	}

	@Override
	String deleteRulesSql() {
		return "SELECT kcu.table_name, kcu.column_name, rc.delete_rule FROM information_schema.referential_constraints rc"
				+ " JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = rc.constraint_name"
				+ " AND kcu.constraint_schema = rc.constraint_schema WHERE rc.constraint_schema = " + schema();
	}

	@Override
	String columnsSql() {
		return "SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns"
				+ " WHERE table_schema = " + schema();
	}

	@Override
	String teamCommentSql() {
		return "SELECT obj_description('\"" + this.db.name() + "\".\"team\"'::regclass, 'pg_class')";
	}

	/**
	 * A service's role may create tables without owning the ones a DBA or a migration made;
	 * PostgreSQL lets only the owner COMMENT ON a table, so a safe generation sends none for
	 * existing tables and leaves their comments as they are.
	 */
	@Test
	void aSafeGenerationByARoleThatOwnsNoTableSucceedsAndLeavesTheirComments() {
		String role = "tortoise_not_owner";
		String schema = "\"" + this.db.name() + "\"";
		Sql.execute(catalog(), "DO $$ BEGIN CREATE ROLE " + role + " LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$",
				"GRANT USAGE, CREATE ON SCHEMA " + schema + " TO " + role,
				"COMMENT ON TABLE " + schema + ".\"team\" IS 'Set by the DBA'");
		String url = this.db.url().replaceFirst("//[^@/]*@", "//" + role + "@");
		assertThat(url).contains(role);
		try {
			try (TortoiseContext notOwner = Tortoise.init(TortoiseConfig.builder().connection("default", url)
				.app("models", MODELS).build()).block()) {
				notOwner.generateSchemas(true).block();
			}
			assertThat(Sql.column(catalog(), teamCommentSql())).containsExactly("Set by the DBA");
		}
		finally {
			Sql.execute(catalog(), "COMMENT ON TABLE " + schema + ".\"team\" IS 'The TEAMS!'",
					"REVOKE ALL ON SCHEMA " + schema + " FROM " + role);
		}
	}

	@Override
	Map<String, String> expectedTypes() {
		return Map.of("event.id", "bigint", "event.prize", "numeric", "event.modified", "timestamp with time zone",
				"event.name", "text", "company.uuid", "uuid", "tournament.tid", "smallint", "venueinformation.rent",
				"double precision", "team.name", "character varying", "teamevents.team_id", "character varying");
	}

}

package dev.tortoise;

import java.util.Map;

import dev.tortoise.testing.TestDatabase;

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

	@Override
	Map<String, String> expectedTypes() {
		return Map.of("event.id", "bigint", "event.prize", "numeric", "event.modified", "timestamp with time zone",
				"event.name", "text", "company.uuid", "uuid", "tournament.tid", "smallint", "venueinformation.rent",
				"double precision", "team.name", "character varying", "teamevents.team_id", "character varying");
	}

}

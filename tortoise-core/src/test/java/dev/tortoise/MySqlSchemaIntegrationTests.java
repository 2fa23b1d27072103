package dev.tortoise;

import java.util.List;
import java.util.Map;

import dev.tortoise.testing.TestDatabase;

/** {@link SchemaIntegrationTests} on a real MySQL or MariaDB server, in a database of its own. */
class MySqlSchemaIntegrationTests extends ServerSchemaIntegrationTests {

	@Override
	TestDatabase createDatabase() {
		return TestDatabase.mysql("schema");
	}

	@Override
	String tablesSql() {
		return "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = " + schema();
	}

	@Override
	String namesSql() {
		return "SELECT INDEX_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = " + schema()
				+ " UNION SELECT CONSTRAINT_NAME FROM information_schema.TABLE_CONSTRAINTS WHERE TABLE_SCHEMA = " + schema();
	}

	@Override
	List<String> extraNames() {
		return List.of("fk_event_tourname_51c2b82d", "fk_team_team_9c77cd8f", "fk_employee_company_08999a42",
				"fk_teamaddr_team_1c78d737", "fk_venueinf_team_198af929", "fk_sometabl_sometabl_6efae9bd");
	}

	@Override
	String deleteRulesSql() {
		return "SELECT kcu.TABLE_NAME AS table_name, kcu.COLUMN_NAME AS column_name, rc.DELETE_RULE AS delete_rule"
				+ " FROM information_schema.REFERENTIAL_CONSTRAINTS rc JOIN information_schema.KEY_COLUMN_USAGE kcu"
				+ " ON kcu.CONSTRAINT_NAME = rc.CONSTRAINT_NAME AND kcu.CONSTRAINT_SCHEMA = rc.CONSTRAINT_SCHEMA"
				+ " AND kcu.TABLE_NAME = rc.TABLE_NAME WHERE rc.CONSTRAINT_SCHEMA = " + schema();
	}

	@Override
	String columnsSql() {
		return "SELECT TABLE_NAME AS table_name, COLUMN_NAME AS column_name, DATA_TYPE AS data_type,"
				+ " IS_NULLABLE AS is_nullable FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = " + schema();
	}

	@Override
	String teamCommentSql() {
		return "SELECT TABLE_COMMENT FROM information_schema.TABLES WHERE TABLE_SCHEMA = " + schema()
				+ " AND TABLE_NAME = 'team'";
	}

	@Override
	Map<String, String> expectedTypes() {
		return Map.of("event.id", "bigint", "event.prize", "decimal", "event.modified", "datetime", "event.name",
				"longtext", "company.uuid", "char", "tournament.tid", "smallint", "venueinformation.rent", "double",
				"team.name", "varchar", "teamevents.team_id", "varchar");
	}

}

package dev.tortoise;

import java.util.Map;

/** {@link SchemaIntegrationTests} on embedded H2 in memory. */
class H2SchemaIntegrationTests extends SchemaIntegrationTests {

	@Override
	String url() {
		return "h2://:memory:";
	}

	@Override
	String tablesSql() {
		return "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'public'";
	}

	@Override
	String namesSql() {
		return "SELECT INDEX_NAME FROM INFORMATION_SCHEMA.INDEXES WHERE TABLE_SCHEMA = 'public'"
				+ " UNION SELECT CONSTRAINT_NAME FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS WHERE TABLE_SCHEMA = 'public'";
	}

	@Override
	String deleteRulesSql() {
		return "SELECT kcu.TABLE_NAME AS table_name, kcu.COLUMN_NAME AS column_name, rc.DELETE_RULE AS delete_rule"
				+ " FROM INFORMATION_SCHEMA.REFERENTIAL_CONSTRAINTS rc JOIN INFORMATION_SCHEMA.KEY_COLUMN_USAGE kcu"
				+ " ON kcu.CONSTRAINT_NAME = rc.CONSTRAINT_NAME AND kcu.CONSTRAINT_SCHEMA = rc.CONSTRAINT_SCHEMA"
				+ " WHERE rc.CONSTRAINT_SCHEMA = 'public'";
	}

	@Override
	String columnsSql() {
		return "SELECT TABLE_NAME AS table_name, COLUMN_NAME AS column_name, DATA_TYPE AS data_type,"
				+ " IS_NULLABLE AS is_nullable FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = 'public'";
	}

	@Override
	String teamCommentSql() {
		return "SELECT REMARKS FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'public' AND TABLE_NAME = 'team'";
	}

	@Override
	Map<String, String> expectedTypes() {
		return Map.of("event.id", "bigint", "event.prize", "numeric", "event.modified", "timestamp with time zone",
				"event.name", "character varying", "company.uuid", "uuid", "tournament.tid", "smallint",
				"venueinformation.rent", "double precision", "team.name", "character varying");
	}

	@Override
	long openSessions() {
		return -1;
	}

	@Override
	void awaitNoSessions() {
		// Embedded: nothing outlives the pool; the tests check that it is disposed.
	}

}

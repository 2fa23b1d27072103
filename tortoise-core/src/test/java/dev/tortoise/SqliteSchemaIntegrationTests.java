package dev.tortoise;

import java.util.Map;

import dev.tortoise.testing.Sql;
import dev.tortoise.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SchemaIntegrationTests} on a SQLite file. SQLite keeps no catalog of sessions, but
 * each connection of ours runs on a thread of its own: those threads are the sessions.
 */
class SqliteSchemaIntegrationTests extends SchemaIntegrationTests {

	private final String file = TestDatabase.sqliteFile("schema");

	@Override
	String url() {
		return "sqlite://" + this.file;
	}

	@Override
	String tablesSql() {
		return "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
	}

	/** Named indexes, and the names of the constraints written inside each CREATE TABLE. */
	@Override
	String namesSql() {
		return "WITH RECURSIVE c(rest, name) AS (SELECT sql, NULL FROM sqlite_master WHERE type = 'table'"
				+ " UNION ALL SELECT substr(rest, instr(rest, 'CONSTRAINT \"') + 12),"
				+ " substr(rest, instr(rest, 'CONSTRAINT \"') + 12,"
				+ " instr(substr(rest, instr(rest, 'CONSTRAINT \"') + 12), '\"') - 1)"
				+ " FROM c WHERE instr(rest, 'CONSTRAINT \"') > 0)"
				+ " SELECT name FROM c WHERE name IS NOT NULL"
				+ " UNION SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL";
	}

	@Override
	String deleteRulesSql() {
		return "SELECT m.name AS table_name, f.\"from\" AS column_name, f.on_delete AS delete_rule"
				+ " FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f WHERE m.type = 'table'";
	}

	@Override
	String columnsSql() {
		return "SELECT m.name AS table_name, p.name AS column_name, p.type AS data_type,"
				+ " CASE WHEN p.\"notnull\" OR p.pk THEN 'NO' ELSE 'YES' END AS is_nullable"
				+ " FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table'";
	}

	/**
	 * Tortoise writes a table's comment as a SQL comment after the closing parenthesis, where
	 * SQLite does not keep it: only column comments, inside the parentheses, are stored.
	 */
	@Override
	String teamCommentSql() {
		return "SELECT substr(sql, instr(sql, '/* ') + 3, instr(sql, ' */') - instr(sql, '/* ') - 3)"
				+ " FROM sqlite_master WHERE type = 'table' AND name = 'team'";
	}

	@Override
	@Test
	void tableCommentsAreWritten() {
		assertThat(Sql.column(catalog(), teamCommentSql())).containsExactly("The TEAM name (and PK)");
		assertThat(this.ctx.schemaSql("default", true)).contains("\n) /* The TEAMS! */;");
	}

	@Override
	Map<String, String> expectedTypes() {
		return Map.of("event.id", "integer", "event.prize", "varchar(40)", "event.modified", "timestamp",
				"event.name", "text", "company.uuid", "char(36)", "tournament.tid", "integer",
				"venueinformation.rent", "real", "team.name", "varchar(50)");
	}

	@Override
	long openSessions() {
		return TestDatabase.sqliteThreads();
	}

	@Override
	void awaitNoSessions() {
		TestDatabase.awaitNoSqliteThreads();
	}

	@Override
	void dropDatabase() {
		TestDatabase.deleteSqlite(this.file);
	}

}

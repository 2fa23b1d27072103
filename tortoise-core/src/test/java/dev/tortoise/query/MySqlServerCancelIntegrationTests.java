package dev.tortoise.query;

import dev.tortoise.testing.Sql;
import dev.tortoise.testing.TestDatabase;

/** {@link ServerCancelIntegrationTests} on MariaDB: {@code KILL QUERY} stops {@code SLEEP}. */
class MySqlServerCancelIntegrationTests extends ServerCancelIntegrationTests {

	@Override
	TestDatabase createDatabase() {
		return TestDatabase.mysql("stop");
	}

	@Override
	String longStatement() {
		return "SELECT SLEEP(120)";
	}

	@Override
	long running() {
		return Sql.number(this.db.admin(), "SELECT count(*) FROM information_schema.PROCESSLIST WHERE DB = '"
				+ this.db.name() + "' AND INFO = 'SELECT SLEEP(120)'");
	}

}

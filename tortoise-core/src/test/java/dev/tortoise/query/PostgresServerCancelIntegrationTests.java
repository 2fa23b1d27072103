package dev.tortoise.query;

import dev.tortoise.testing.Sql;
import dev.tortoise.testing.TestDatabase;

/** {@link ServerCancelIntegrationTests} on PostgreSQL: its cancel request stops {@code pg_sleep}. */
class PostgresServerCancelIntegrationTests extends ServerCancelIntegrationTests {

	@Override
	TestDatabase createDatabase() {
		return TestDatabase.postgres("stop");
	}

	@Override
	String longStatement() {
		return "SELECT pg_sleep(120)";
	}

	@Override
	long running() {
		return Sql.number(this.db.admin(), "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query ="
				+ " 'SELECT pg_sleep(120)'");
	}

}

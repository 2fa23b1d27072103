package dev.tortoise.query;

import dev.tortoise.sqlite.SqliteConnection;
import dev.tortoise.testing.TestDatabase;

/**
 * {@link ServerCancelIntegrationTests} on a SQLite file: an endless recursive count is
 * interrupted (sqlite3_interrupt) when its subscriber cancels.
 */
class SqliteServerCancelIntegrationTests extends ServerCancelIntegrationTests {

	@Override
	TestDatabase createDatabase() {
		return TestDatabase.sqlite("cancel");
	}

	@Override
	String longStatement() {
		return "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT count(*) FROM n";
	}

	/** SQLite lists no running statements; the driver counts those it is stepping. */
	@Override
	long running() {
		return SqliteConnection.running();
	}

}

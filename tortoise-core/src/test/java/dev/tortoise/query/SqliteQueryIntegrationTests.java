package dev.tortoise.query;

import dev.tortoise.testing.TestDatabase;

/** {@link QueryIntegrationTests} on a SQLite file under target/sqlite. */
class SqliteQueryIntegrationTests extends QueryIntegrationTests {

	@Override
	TestDatabase createDatabase() {
		return TestDatabase.sqlite("query");
	}

}

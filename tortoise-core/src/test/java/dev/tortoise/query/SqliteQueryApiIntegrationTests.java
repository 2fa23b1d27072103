package dev.tortoise.query;

import dev.tortoise.testing.TestDatabase;

/** {@link QueryApiIntegrationTests} on Sqlite. */
class SqliteQueryApiIntegrationTests extends QueryApiIntegrationTests {

	@Override
	TestDatabase createDatabase() {
		return TestDatabase.sqlite("queryapi");
	}


	@Override
	boolean locksRows() {
		return false;
	}

	@Override
	boolean hasRegex() {
		return false;
	}

}

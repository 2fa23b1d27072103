package dev.tortoise.query;

import dev.tortoise.testing.TestDatabase;

/** {@link QueryIntegrationTests} on a real MySQL or MariaDB server. */
class MySqlQueryIntegrationTests extends QueryIntegrationTests {

	@Override
	TestDatabase createDatabase() {
		return TestDatabase.mysql("query");
	}

}

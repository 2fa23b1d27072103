package dev.tortoise.query;

import dev.tortoise.testing.TestDatabase;

/** {@link QueryApiIntegrationTests} on MySql. */
class MySqlQueryApiIntegrationTests extends QueryApiIntegrationTests {

	@Override
	TestDatabase createDatabase() {
		return TestDatabase.mysql("queryapi");
	}

}

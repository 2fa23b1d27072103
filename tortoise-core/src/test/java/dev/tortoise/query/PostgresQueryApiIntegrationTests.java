package dev.tortoise.query;

import dev.tortoise.testing.TestDatabase;

/** {@link QueryApiIntegrationTests} on Postgres. */
class PostgresQueryApiIntegrationTests extends QueryApiIntegrationTests {

	@Override
	TestDatabase createDatabase() {
		return TestDatabase.postgres("queryapi");
	}

}

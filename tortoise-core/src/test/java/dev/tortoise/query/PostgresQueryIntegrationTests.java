package dev.tortoise.query;

import dev.tortoise.testing.TestDatabase;

/** {@link QueryIntegrationTests} on a real PostgreSQL server. */
class PostgresQueryIntegrationTests extends QueryIntegrationTests {

	@Override
	TestDatabase createDatabase() {
		return TestDatabase.postgres("query");
	}

}

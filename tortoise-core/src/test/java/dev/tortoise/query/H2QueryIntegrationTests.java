package dev.tortoise.query;

import dev.tortoise.testing.TestDatabase;

/** {@link QueryIntegrationTests} on embedded H2 in memory. */
class H2QueryIntegrationTests extends QueryIntegrationTests {

	@Override
	TestDatabase createDatabase() {
		return null;
	}

	@Override
	String url() {
		return "h2://:memory:";
	}

}

package dev.tortoise.query;

import dev.tortoise.testing.TestDatabase;

/** {@link QueryApiIntegrationTests} on embedded H2 in memory. */
class H2QueryApiIntegrationTests extends QueryApiIntegrationTests {

	@Override
	TestDatabase createDatabase() {
		return null;
	}

	@Override
	String url() {
		return "h2://:memory:";
	}

}

package dev.tortoise.spring.boot;

import dev.tortoise.testing.TestDatabase;

class PostgresStarterIntegrationTests extends StarterIntegrationTests {

	@Override
	TestDatabase database(String label) {
		return TestDatabase.postgres(label);
	}

	@Override
	String productName() {
		return "PostgreSQL";
	}

}

package dev.tortoise.spring.boot;

import dev.tortoise.testing.TestDatabase;

/** The starter on {@code tortoise.connections.default.url=sqlite://...}: a SQLite file under target/sqlite. */
class SqliteStarterIntegrationTests extends StarterIntegrationTests {

	@Override
	TestDatabase database(String label) {
		return TestDatabase.sqlite(label);
	}

	@Override
	String productName() {
		return "SQLite";
	}

}

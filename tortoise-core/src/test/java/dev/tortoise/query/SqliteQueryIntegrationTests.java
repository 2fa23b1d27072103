package dev.tortoise.query;

import java.util.UUID;

import dev.tortoise.testing.TestDatabase;

/** {@link QueryIntegrationTests} on a SQLite file under target/. */
class SqliteQueryIntegrationTests extends QueryIntegrationTests {

	private final String file = "target/sqlite/query-" + UUID.randomUUID() + ".sqlite3";

	@Override
	TestDatabase createDatabase() {
		return null;
	}

	@Override
	String url() {
		return "sqlite://" + this.file;
	}

}

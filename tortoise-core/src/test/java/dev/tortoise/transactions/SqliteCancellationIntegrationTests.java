package dev.tortoise.transactions;

import dev.tortoise.testing.TestDatabase;

/** {@link CancellationIntegrationTests} on a SQLite file under target/sqlite. */
class SqliteCancellationIntegrationTests extends CancellationIntegrationTests {

	@Override
	TestDatabase createDatabase() {
		return TestDatabase.sqlite("transactions");
	}

}

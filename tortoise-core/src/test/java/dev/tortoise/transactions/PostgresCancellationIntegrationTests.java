package dev.tortoise.transactions;

import dev.tortoise.testing.TestDatabase;

/** {@link CancellationIntegrationTests} on a real server. */
class PostgresCancellationIntegrationTests extends CancellationIntegrationTests {

	@Override
	TestDatabase createDatabase() {
		return TestDatabase.postgres("cancel");
	}

}

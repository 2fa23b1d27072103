package dev.tortoise.transactions;

import dev.tortoise.testing.Sql;
import dev.tortoise.testing.TestDatabase;

/** {@link CancellationIntegrationTests} on embedded H2 in memory. */
class H2CancellationIntegrationTests extends CancellationIntegrationTests {

	@Override
	TestDatabase createDatabase() {
		return null;
	}

	@Override
	String url() {
		return "h2://:memory:";
	}

	@Override
	long sessionsInTransaction() {
		return Sql.number(this.ctx.connections().get("default"),
				"SELECT count(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE CONTAINS_UNCOMMITTED");
	}

}

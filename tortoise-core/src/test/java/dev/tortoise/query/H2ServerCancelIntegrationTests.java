package dev.tortoise.query;

import dev.tortoise.testing.Sql;
import dev.tortoise.testing.TestDatabase;

/** {@link ServerCancelIntegrationTests} on embedded H2: {@code CANCEL_SESSION} stops a huge cross join. */
class H2ServerCancelIntegrationTests extends ServerCancelIntegrationTests {

	private static final String CROSS_JOIN = "SELECT count(*) FROM SYSTEM_RANGE(1, 1000000) a, SYSTEM_RANGE(1, 1000000) b"
			+ " WHERE MOD(a.\"X\" * b.\"X\", 7) = 10";

	@Override
	TestDatabase createDatabase() {
		return null;
	}

	@Override
	String url() {
		return "h2://:memory:";
	}

	@Override
	String longStatement() {
		return CROSS_JOIN;
	}

	@Override
	long running() {
		return Sql.number(this.ctx.connections().get("default"),
				"SELECT count(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE EXECUTING_STATEMENT = '" + CROSS_JOIN + "'");
	}

}

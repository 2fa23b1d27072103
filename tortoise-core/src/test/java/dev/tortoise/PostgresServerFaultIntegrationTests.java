package dev.tortoise;

import dev.tortoise.testing.PrivateServer;

/** {@link ServerFaultIntegrationTests} on a private PostgreSQL cluster. */
class PostgresServerFaultIntegrationTests extends ServerFaultIntegrationTests {

	@Override
	PrivateServer start() {
		return PrivateServer.postgres();
	}

}

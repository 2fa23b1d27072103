package dev.tortoise;

import dev.tortoise.testing.PrivateServer;

/** {@link ServerFaultIntegrationTests} on a private MariaDB server. */
class MariaDbServerFaultIntegrationTests extends ServerFaultIntegrationTests {

	@Override
	PrivateServer start() {
		return PrivateServer.mariadb();
	}

}

package dev.tortoise.spring.boot;

import dev.tortoise.testing.TestDatabase;

class MariaDbStarterIntegrationTests extends StarterIntegrationTests {

	@Override
	TestDatabase database(String label) {
		return TestDatabase.mysql(label);
	}

	@Override
	String productName() {
		return "MariaDB";
	}

}

package dev.tortoise.sample;

import dev.tortoise.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;

import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The API suite on a database server profile, each connection in a database of its own on
 * the local server. Subclasses create the two in a {@code @BeforeAll}.
 */
@DirtiesContext
abstract class ServerApiTests extends ApiTests {

	static TestDatabase models;

	static TestDatabase audit;

	@AfterAll
	static void drop() {
		models.close();
		audit.close();
	}

	@DynamicPropertySource
	static void urls(DynamicPropertyRegistry registry) {
		registry.add("tortoise.connections.default.url", () -> models.url());
		registry.add("tortoise.connections.audit.url", () -> audit.url());
	}

}

package dev.tortoise.sample;

import dev.tortoise.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The postgres profile, each connection on its own schema of the local server. */
@ActiveProfiles("postgres")
@DirtiesContext
class PostgresApiTests extends ApiTests {

	static TestDatabase models;

	static TestDatabase audit;

	@BeforeAll
	static void databases() {
		models = TestDatabase.postgres("sample");
		audit = TestDatabase.postgres("sample_audit");
	}

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

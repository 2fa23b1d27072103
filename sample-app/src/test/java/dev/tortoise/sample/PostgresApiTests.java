package dev.tortoise.sample;

import dev.tortoise.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.test.context.ActiveProfiles;

/** The postgres profile, each connection on its own schema of the local server. */
@ActiveProfiles("postgres")
class PostgresApiTests extends ServerApiTests {

	@BeforeAll
	static void databases() {
		models = TestDatabase.postgres("sample");
		audit = TestDatabase.postgres("sample_audit");
	}

}

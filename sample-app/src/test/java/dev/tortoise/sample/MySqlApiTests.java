package dev.tortoise.sample;

import dev.tortoise.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.test.context.ActiveProfiles;

/** The mysql profile (MariaDB here), each connection on its own database of the local server. */
@ActiveProfiles("mysql")
class MySqlApiTests extends ServerApiTests {

	@BeforeAll
	static void databases() {
		models = TestDatabase.mysql("sample");
		audit = TestDatabase.mysql("sample_audit");
	}

}

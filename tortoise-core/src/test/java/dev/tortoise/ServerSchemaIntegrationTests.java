package dev.tortoise;

import dev.tortoise.testing.TestDatabase;
import io.r2dbc.spi.ConnectionFactory;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link SchemaIntegrationTests} on a database server: an isolated schema or database per
 * class, catalog queries from outside the code under test, and sessions counted by the server.
 */
abstract class ServerSchemaIntegrationTests extends SchemaIntegrationTests {

	TestDatabase db;

	/** Creates the isolated database of this class. */
	abstract TestDatabase createDatabase();

	@BeforeAll
	@Override
	void createSchema() {
		this.db = createDatabase();
		super.createSchema();
	}

	@Override
	void dropDatabase() {
		if (this.db != null) {
			this.db.close();
		}
	}

	@Override
	String url() {
		return this.db.url();
	}

	@Override
	ConnectionFactory catalog() {
		return this.db.admin();
	}

	/** The schema or database name as an SQL string literal. */
	String schema() {
		return "'" + this.db.name() + "'";
	}

	@Override
	long openSessions() {
		return this.db.openSessions();
	}

	@Override
	void awaitNoSessions() {
		this.db.awaitNoSessions();
	}

}

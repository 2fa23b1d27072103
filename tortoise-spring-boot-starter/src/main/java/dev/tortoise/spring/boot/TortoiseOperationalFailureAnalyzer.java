package dev.tortoise.spring.boot;

import dev.tortoise.exceptions.OperationalException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a database fault at start-up (a server that is down or not answering, a refused
 * password, a missing database, a missing privilege while the schema is generated) into
 * Spring Boot's "APPLICATION FAILED TO START" report instead of a long stack trace: the
 * exception names the connection, and its message says what the server answered.
 */
final class TortoiseOperationalFailureAnalyzer extends AbstractFailureAnalyzer<OperationalException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, OperationalException cause) {
		String description = "Tortoise could not use its database at start-up: " + cause.getMessage();
		String action = "Check that the database server of the connection named above is running and reachable from"
				+ " this machine, and that its URL (tortoise.connections.<name>.url or tortoise.db-url) has the right"
				+ " host, port, user, password and database. If the schema is generated at start-up"
				+ " (tortoise.generate-schemas), the user needs the right to create tables and indexes in it.";
		return new FailureAnalysis(description, action, cause);
	}

}

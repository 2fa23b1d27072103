package dev.tortoise.sample;

import java.nio.file.Path;

import org.springframework.test.context.DynamicPropertyRegistry;

/** The embedded databases' files, in a test's directory instead of ./data/. */
final class DataFiles {

	private DataFiles() {
	}

	/** The default profile's SQLite files. */
	static void sqlite(DynamicPropertyRegistry registry, Path directory) {
		registry.add("tortoise.connections.default.url", () -> "sqlite://" + directory.resolve("tournaments.sqlite3"));
		registry.add("tortoise.connections.audit.url", () -> "sqlite://" + directory.resolve("audit.sqlite3"));
	}

	/** The h2 profile's H2 files. */
	static void h2(DynamicPropertyRegistry registry, Path directory) {
		registry.add("tortoise.connections.default.url", () -> "h2://" + directory.resolve("tournaments"));
		registry.add("tortoise.connections.audit.url", () -> "h2://" + directory.resolve("audit"));
	}

}

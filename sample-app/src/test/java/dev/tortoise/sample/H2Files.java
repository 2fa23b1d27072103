package dev.tortoise.sample;

import java.nio.file.Path;

import org.springframework.test.context.DynamicPropertyRegistry;

/** The default profile's H2 files, in a test's directory instead of ./data/. */
final class H2Files {

	private H2Files() {
	}

	static void register(DynamicPropertyRegistry registry, Path directory) {
		registry.add("tortoise.connections.default.url", () -> "h2://" + directory.resolve("tournaments"));
		registry.add("tortoise.connections.audit.url", () -> "h2://" + directory.resolve("audit"));
	}

}

package dev.tortoise.sample;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The default profile: SQLite files, here in a temporary directory instead of ./data/. */
class SqliteApiTests extends ApiTests {

	@TempDir
	static Path data;

	@DynamicPropertySource
	static void files(DynamicPropertyRegistry registry) {
		DataFiles.sqlite(registry, data);
	}

}

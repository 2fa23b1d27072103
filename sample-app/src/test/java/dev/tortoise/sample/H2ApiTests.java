package dev.tortoise.sample;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The default profile: embedded H2 files, here in a temporary directory instead of ./data/. */
class H2ApiTests extends ApiTests {

	@TempDir
	static Path data;

	@DynamicPropertySource
	static void files(DynamicPropertyRegistry registry) {
		H2Files.register(registry, data);
	}

}

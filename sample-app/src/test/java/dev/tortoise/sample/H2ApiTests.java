package dev.tortoise.sample;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The h2 profile: embedded H2 files, here in a temporary directory instead of ./data/. */
@ActiveProfiles("h2")
class H2ApiTests extends ApiTests {

	@TempDir
	static Path data;

	@DynamicPropertySource
	static void files(DynamicPropertyRegistry registry) {
		DataFiles.h2(registry, data);
	}

}

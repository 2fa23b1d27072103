package dev.tortoise.spring.boot;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The metadata IDEs complete {@code tortoise.*} from: generated from the Javadoc, plus hints. */
class ConfigurationMetadataTests {

	private static JsonNode read(String resource) throws IOException {
		try (InputStream in = ConfigurationMetadataTests.class.getClassLoader().getResourceAsStream(resource)) {
			assertThat(in).as(resource).isNotNull();
			return new ObjectMapper().readTree(in);
		}
	}

	@Test
	void everyPropertyIsDescribed() throws IOException {
		JsonNode metadata = read("META-INF/spring-configuration-metadata.json");
		List<String> names = new ArrayList<>();
		for (JsonNode property : metadata.get("properties")) {
			String name = property.get("name").asText();
			names.add(name);
			if (name.startsWith("tortoise.") || name.equals("management.health.tortoise.enabled")) {
				assertThat(property.path("description").asText()).as(name).isNotBlank();
			}
		}
		assertThat(names).contains("tortoise.connections", "tortoise.apps", "tortoise.routers", "tortoise.use-tz",
				"tortoise.timezone", "tortoise.generate-schemas", "tortoise.config-file", "tortoise.db-url",
				"tortoise.modules", "management.health.tortoise.enabled");
	}

	@Test
	void mapKeysAndValuesHaveHints() throws IOException {
		JsonNode metadata = read("META-INF/spring-configuration-metadata.json");
		Map<String, JsonNode> hints = new java.util.HashMap<>();
		metadata.get("hints").forEach((hint) -> hints.put(hint.get("name").asText(), hint));
		assertThat(hints).containsKeys("tortoise.connections.keys", "tortoise.connections.values", "tortoise.apps.keys",
				"tortoise.modules.keys", "tortoise.routers", "tortoise.config-file");
		assertThat(hints.get("tortoise.routers").toString()).contains("dev.tortoise.routing.Router");
	}

}

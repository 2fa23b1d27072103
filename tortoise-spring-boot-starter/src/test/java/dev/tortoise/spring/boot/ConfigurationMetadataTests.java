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

	/**
	 * Every key of the README's property table has an entry with a description; keys under a
	 * connection or app name are listed for the names users write first ({@code default},
	 * {@code models}), which is what an IDE can complete.
	 */
	@Test
	void everyKeyTheReadmeListsHasADescribedEntry() throws IOException {
		JsonNode metadata = read("META-INF/spring-configuration-metadata.json");
		Map<String, String> described = new java.util.HashMap<>();
		metadata.get("properties").forEach((p) -> described.put(p.get("name").asText(), p.path("description").asText()));
		String readme = java.nio.file.Files.readString(java.nio.file.Path.of("..", "README.md"));
		List<String> keys = new ArrayList<>();
		java.util.regex.Matcher row = java.util.regex.Pattern.compile("(?m)^\\| (`(?:tortoise|management)\\.[^|]*)\\|")
			.matcher(readme.substring(readme.indexOf("| property | default |")));
		while (row.find() && keys.size() < 100) {
			String base = null;
			for (String part : row.group(1).split(" \\+ ")) {
				String key = part.trim().replace("`", "").replace("<name>", "default").replace("<label>", "models")
					.replace("<app>", "models").replace(".*", "");
				key = key.startsWith(".") ? base + key : key;
				base = key.substring(0, key.lastIndexOf('.'));
				keys.add(key);
			}
		}
		assertThat(keys).hasSizeGreaterThan(20).contains("tortoise.connections.default.pool.max-size",
				"tortoise.apps.models.default-connection", "tortoise.connections.default.credentials");
		for (String key : keys) {
			assertThat(described).as("metadata for %s", key).containsKey(key);
			assertThat(described.get(key)).as("description of %s", key).isNotBlank();
		}
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

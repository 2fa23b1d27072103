package dev.tortoise.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.tortoise.exceptions.ConfigurationException;
import dev.tortoise.routing.Router;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TortoiseConfigTests {

	public static final class ReadReplicaRouter implements Router {

		@Override
		public String dbForRead(Class<?> model) {
			return "replica";
		}

	}

	@Test
	void dbUrlAndModulesMakeOneDefaultConnection() {
		TortoiseConfig c = TortoiseConfig.of("postgres://postgres@127.0.0.1:5432/test",
				Map.of("models", List.of("com.example.models")));
		assertThat(c.connections()).containsOnlyKeys("default");
		assertThat(c.apps().get("models").defaultConnection()).isEqualTo("default");
		assertThat(c.modules()).containsEntry("models", List.of("com.example.models"));
		assertThat(c.useTz()).isFalse();
		assertThat(c.timezone()).isEqualTo("UTC");
	}

	@Test
	void builderKeepsOrderAndSettings() {
		TortoiseConfig c = TortoiseConfig.builder()
			.connection("default", "postgres://postgres@127.0.0.1:5432/test?maxsize=10")
			.connection("another_conn", "mysql://root:@127.0.0.1:3306/test")
			.app("app", List.of("com.example.app.models"))
			.app("another_app", List.of("com.example.another.models"), "another_conn")
			.router(new ReadReplicaRouter())
			.useTz(true)
			.timezone("Europe/Paris")
			.build();
		assertThat(c.connections().keySet()).containsExactly("default", "another_conn");
		assertThat(c.apps().keySet()).containsExactly("app", "another_app");
		assertThat(c.apps().get("another_app").defaultConnection()).isEqualTo("another_conn");
		assertThat(c.connections().get("default").pool().maxSize()).isEqualTo(10);
		assertThat(c.routers()).hasSize(1);
		assertThat(c.useTz()).isTrue();
		assertThat(c.zoneId().getId()).isEqualTo("Europe/Paris");
		// Parsed once: every create reads it, and ZoneId.of would build the zone's rules each time.
		assertThat(c.zoneId()).isSameAs(c.zoneId());
		assertThat(c.toBuilder().build().apps()).isEqualTo(c.apps());
	}

	@Test
	void fromMapAcceptsTortoisesConfigDict() {
		TortoiseConfig c = TortoiseConfig.fromMap(Map.of(
				"connections", Map.of(
						"default", "postgres://postgres:secret@127.0.0.1:5432/test",
						"other", Map.of("engine", "tortoise.backends.mysql",
								"credentials", Map.of("host", "127.0.0.1", "port", 3306, "user", "root", "password", "",
										"database", "test", "maxsize", 7))),
				"apps", Map.of("models", Map.of("models", List.of("a.models"), "default_connection", "other"),
						"plain", Map.of("models", List.of("b.models"))),
				"routers", List.of(ReadReplicaRouter.class.getName()),
				"use_tz", true,
				"timezone", "Asia/Tokyo"));
		assertThat(c.connections().get("other").engine()).isEqualTo("mysql");
		assertThat(c.connections().get("other").pool().maxSize()).isEqualTo(7);
		assertThat(c.apps().get("plain").defaultConnection()).isEqualTo("default");
		assertThat(c.routers().get(0)).isInstanceOf(ReadReplicaRouter.class);
		assertThat(c.useTz()).isTrue();
		assertThat(c.timezone()).isEqualTo("Asia/Tokyo");
	}

	@Test
	void missingSectionsAreNamed() {
		assertThatThrownBy(() -> TortoiseConfig.fromMap(Map.of("apps", Map.of())))
			.isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("Config must define \"connections\" section");
		assertThatThrownBy(() -> TortoiseConfig.fromMap(Map.of("connections", Map.of("default", "h2://:memory:"))))
			.isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("Config must define \"apps\" section");
		assertThatThrownBy(() -> TortoiseConfig.builder().app("a", List.of("x")).build())
			.hasMessageContaining("\"connections\"");
		assertThatThrownBy(() -> TortoiseConfig.builder().connection("default", "h2://:memory:").build())
			.hasMessageContaining("\"apps\"");
	}

	@Test
	void unknownDefaultConnectionNamesTheAppAndTheConnections() {
		assertThatThrownBy(() -> TortoiseConfig.builder().connection("default", "h2://:memory:")
			.app("blog", List.of("x"), "events").build())
			.isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("App \"blog\"")
			.hasMessageContaining("\"events\"")
			.hasMessageContaining("Configured connections: default");
	}

	@Test
	void unknownEngineNamesTheConnection() {
		assertThatThrownBy(() -> TortoiseConfig.fromMap(Map.of("connections",
				Map.of("db", Map.of("engine", "tortoise.backends.oracle", "credentials", Map.of())), "apps",
				Map.of("a", Map.of("models", List.of("x"))))))
			.isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("Connection \"db\"")
			.hasMessageContaining("Unknown engine \"tortoise.backends.oracle\"");
	}

	@Test
	void badUrlNamesTheConnectionWithoutThePassword() {
		assertThatThrownBy(() -> TortoiseConfig.builder().connection("main", "postgres://u:hunter2@h:port/db"))
			.isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("Connection \"main\"")
			.hasMessageContaining("Port is not an integer")
			.hasMessageNotContaining("hunter2");
	}

	@Test
	void appWithoutModelsAndBadTimezoneAreRejected() {
		assertThatThrownBy(() -> TortoiseConfig.builder().connection("default", "h2://:memory:").app("a", List.of())
			.build()).hasMessageContaining("App \"a\" lists no models");
		assertThatThrownBy(() -> TortoiseConfig.builder().connection("default", "h2://:memory:")
			.app("a", List.of("x")).timezone("Mars/Olympus").build()).hasMessageContaining("Unknown timezone");
	}

	@Test
	void routersMustBeRouters() {
		Map<String, Object> base = Map.of("connections", Map.of("default", "h2://:memory:"), "apps",
				Map.of("a", Map.of("models", List.of("x"))));
		assertThatThrownBy(() -> TortoiseConfig.fromMap(with(base, "routers", List.of("com.example.Nope"))))
			.hasMessageContaining("Router class com.example.Nope not found");
		assertThatThrownBy(() -> TortoiseConfig.fromMap(with(base, "routers", List.of(String.class.getName()))))
			.hasMessageContaining("does not implement");
	}

	private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
		Map<String, Object> m = new java.util.HashMap<>(base);
		m.put(key, value);
		return m;
	}

	@Test
	void fromFileReadsJsonAndYaml(@TempDir Path dir) throws IOException {
		Path json = dir.resolve("tortoise.json");
		Files.writeString(json, """
				{"connections": {"default": "h2://:memory:"},
				 "apps": {"models": {"models": ["a.models"], "default_connection": "default"}},
				 "use_tz": false, "timezone": "UTC"}
				""");
		Path yaml = dir.resolve("tortoise.yml");
		Files.writeString(yaml, """
				tortoise:
				  connections:
				    default: mysql://root:@127.0.0.1:3306/test
				  apps:
				    models:
				      models: [a.models]
				""");
		assertThat(TortoiseConfig.fromFile(json).connections().get("default").engine()).isEqualTo("h2");
		assertThat(TortoiseConfig.fromFile(yaml).connections().get("default").engine()).isEqualTo("mysql");
	}

	@Test
	void fromFileRejectsOtherExtensionsAndBrokenFiles(@TempDir Path dir) throws IOException {
		Path txt = dir.resolve("tortoise.txt");
		Files.writeString(txt, "{}");
		assertThatThrownBy(() -> TortoiseConfig.fromFile(txt)).isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("Unknown config extension \".txt\"");
		Path broken = dir.resolve("broken.json");
		Files.writeString(broken, "{\"connections\": [");
		assertThatThrownBy(() -> TortoiseConfig.fromFile(broken)).isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("not valid JSON or YAML");
		assertThatThrownBy(() -> TortoiseConfig.fromFile(dir.resolve("missing.yaml")))
			.isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("Could not read config file");
	}

	@Test
	void toStringNeverShowsPasswords() {
		TortoiseConfig c = TortoiseConfig.of("postgres://postgres:hunter2@127.0.0.1:5432/test",
				Map.of("models", List.of("x")));
		assertThat(c.toString()).doesNotContain("hunter2").contains("******");
	}

}

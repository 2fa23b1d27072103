package dev.tortoise.spring.boot;

import java.util.List;
import java.util.Map;

import dev.tortoise.config.ConnectionConfig;
import dev.tortoise.config.TortoiseConfig;
import dev.tortoise.exceptions.ConfigurationException;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PropertiesConfigTests {

	@Test
	void connectionsAndAppsBecomeTheConfiguration() {
		TortoiseProperties properties = new TortoiseProperties();
		properties.getConnections().put("default", new TortoiseProperties.Connection("h2://:memory:"));
		properties.getConnections().put("audit", new TortoiseProperties.Connection("postgres://app:pw@db:5433/audit"));
		TortoiseProperties.App app = new TortoiseProperties.App();
		app.setModels(List.of("com.example.models"));
		app.setDefaultConnection("audit");
		properties.getApps().put("models", app);
		properties.setUseTz(true);
		properties.setTimezone("Asia/Tokyo");
		assertThat(PropertiesConfig.builder(properties).build().maxRelationDepth())
			.isEqualTo(TortoiseConfig.DEFAULT_MAX_RELATION_DEPTH);
		properties.setMaxRelationDepth(4);
		TortoiseConfig config = PropertiesConfig.builder(properties).build();
		assertThat(config.maxRelationDepth()).isEqualTo(4);
		assertThat(config.connections()).containsOnlyKeys("default", "audit");
		assertThat(config.connections().get("audit").credential("port")).isEqualTo("5433");
		assertThat(config.apps().get("models").defaultConnection()).isEqualTo("audit");
		assertThat(config.useTz()).isTrue();
		assertThat(config.timezone()).isEqualTo("Asia/Tokyo");
	}

	@Test
	void mistakesAreReportedInPropertyNamesNotBuilderCalls() {
		TortoiseProperties appsOnly = new TortoiseProperties();
		appsOnly.getApps().put("models", app("com.example.models", "default"));
		assertRefused(appsOnly, "tortoise.apps is set but no connection is configured",
				"tortoise.connections.default=");

		TortoiseProperties connectionsOnly = new TortoiseProperties();
		connectionsOnly.getConnections().put("default", new TortoiseProperties.Connection("h2://:memory:"));
		assertRefused(connectionsOnly, "no app is configured", "tortoise.apps.models.models=");

		TortoiseProperties wrongConnection = new TortoiseProperties();
		wrongConnection.getConnections().put("main", new TortoiseProperties.Connection("h2://:memory:"));
		wrongConnection.getApps().put("blog", app("com.example.blog", "default"));
		assertRefused(wrongConnection, "tortoise.apps.blog.default-connection is \"default\", which is not configured."
				+ " Configured: tortoise.connections.main.");

		TortoiseProperties noModels = new TortoiseProperties();
		noModels.getConnections().put("default", new TortoiseProperties.Connection("h2://:memory:"));
		noModels.getApps().put("blog", new TortoiseProperties.App());
		assertRefused(noModels, "tortoise.apps.blog.models is empty");

		TortoiseProperties depth = valid();
		depth.setMaxRelationDepth(0);
		assertRefused(depth, "tortoise.max-relation-depth must be at least 1, got 0.");

		TortoiseProperties zone = valid();
		zone.setTimezone("Mars/Olympus");
		assertRefused(zone, "tortoise.timezone \"Mars/Olympus\" is no time zone.");

		TortoiseProperties idle = valid();
		idle.getConnections().get("default").getPool().setMaxIdleTime(java.time.Duration.ofSeconds(-1));
		assertRefused(idle, "tortoise.connections.default.pool.max-idle-time must not be negative");

		for (TortoiseProperties properties : List.of(appsOnly, connectionsOnly, wrongConnection, noModels, depth, zone)) {
			assertThatExceptionOfType(ConfigurationException.class).isThrownBy(() -> PropertiesConfig.builder(properties))
				.satisfies((ex) -> assertThat(ex.getMessage()).as("no builder syntax").doesNotContain("(\"")
					.doesNotContain("List.of").doesNotContain("maxRelationDepth"));
		}
	}

	private static TortoiseProperties valid() {
		TortoiseProperties properties = new TortoiseProperties();
		properties.getConnections().put("default", new TortoiseProperties.Connection("h2://:memory:"));
		properties.getApps().put("models", app("com.example.models", "default"));
		return properties;
	}

	private static TortoiseProperties.App app(String models, String connection) {
		TortoiseProperties.App app = new TortoiseProperties.App();
		app.setModels(List.of(models));
		app.setDefaultConnection(connection);
		return app;
	}

	private static void assertRefused(TortoiseProperties properties, String... phrases) {
		assertThatExceptionOfType(ConfigurationException.class).isThrownBy(() -> PropertiesConfig.builder(properties))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains(phrases));
	}

	@Test
	void poolPropertiesOverrideOnlyWhatTheySet() {
		TortoiseProperties.Connection connection = new TortoiseProperties.Connection("h2://:memory:?minsize=2&maxsize=9");
		connection.getPool().setMaxSize(4);
		ConnectionConfig config = PropertiesConfig.connection("default", connection);
		assertThat(config.pool().initialSize()).isEqualTo(2);
		assertThat(config.pool().maxSize()).isEqualTo(4);
	}

	@Test
	void theStatementTimeoutComesFromTheUrlOrThePoolProperty() {
		TortoiseProperties.Connection fromUrl = new TortoiseProperties.Connection("h2://:memory:?statement_timeout=2.5");
		assertThat(PropertiesConfig.connection("default", fromUrl).pool().statementTimeout())
			.isEqualTo(java.time.Duration.ofMillis(2500));
		fromUrl.getPool().setStatementTimeout(java.time.Duration.ofSeconds(7));
		assertThat(PropertiesConfig.connection("default", fromUrl).pool().statementTimeout())
			.isEqualTo(java.time.Duration.ofSeconds(7));
		assertThat(PropertiesConfig.connection("default", new TortoiseProperties.Connection("h2://:memory:")).pool()
			.statementTimeout()).as("no limit unless asked").isNull();
	}

	@Test
	void aConnectionWithUrlAndEngineIsRefusedByName() {
		TortoiseProperties.Connection connection = new TortoiseProperties.Connection("h2://:memory:");
		connection.setEngine("postgres");
		assertThatExceptionOfType(ConfigurationException.class)
			.isThrownBy(() -> PropertiesConfig.connection("events", connection))
			.withMessageContaining("Connection \"events\" (tortoise.connections.events)")
			.withMessageContaining("not both");
	}

	@Test
	void aConnectionWithNeitherUrlNorEngineIsRefusedByName() {
		assertThatExceptionOfType(ConfigurationException.class)
			.isThrownBy(() -> PropertiesConfig.connection("events", new TortoiseProperties.Connection()))
			.withMessageContaining("tortoise.connections.events")
			.withMessageContaining("neither a url nor an engine");
	}

	@Test
	void aBadUrlNamesTheConnectionAndHidesThePassword() {
		assertThatExceptionOfType(ConfigurationException.class)
			.isThrownBy(() -> PropertiesConfig.connection("events",
					new TortoiseProperties.Connection("oracle://scott:tiger@db/orcl")))
			.withMessageContaining("Connection \"events\"")
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("tiger"));
	}

	@Test
	void poolSettingsThatContradictNameTheConnection() {
		TortoiseProperties.Connection connection = new TortoiseProperties.Connection("h2://:memory:");
		connection.getPool().setInitialSize(8);
		connection.getPool().setMaxSize(2);
		assertThatExceptionOfType(ConfigurationException.class)
			.isThrownBy(() -> PropertiesConfig.connection("events", connection))
			.withMessageContaining("Connection \"events\" (tortoise.connections.events)")
			.withMessageContaining("tortoise.connections.events.pool.initial-size must be between 0 and"
					+ " tortoise.connections.events.pool.max-size (2), got 8.");
	}

	@Test
	void engineAndCredentials() {
		TortoiseProperties.Connection connection = new TortoiseProperties.Connection();
		connection.setEngine("tortoise.backends.mysql");
		connection.setCredentials(Map.of("host", "127.0.0.1", "user", "root", "password", "", "database", "test",
				"maxsize", "8"));
		ConnectionConfig config = PropertiesConfig.connection("default", connection);
		assertThat(config.engine()).isEqualTo("mysql");
		assertThat(config.pool().maxSize()).isEqualTo(8);
	}

	@Test
	void dbUrlWithModules() {
		TortoiseProperties properties = new TortoiseProperties();
		properties.setDbUrl("h2://:memory:");
		properties.setModules(Map.of("models", List.of("com.example.models")));
		properties.setUseTz(true);
		TortoiseConfig config = PropertiesConfig.builder(properties).build();
		assertThat(config.connections()).containsOnlyKeys("default");
		assertThat(config.apps().get("models").models()).containsExactly("com.example.models");
		assertThat(config.useTz()).isTrue();
	}

	@Test
	void dbUrlWithoutModulesSaysWhatIsMissing() {
		TortoiseProperties properties = new TortoiseProperties();
		properties.setDbUrl("h2://:memory:");
		assertThatExceptionOfType(ConfigurationException.class).isThrownBy(() -> PropertiesConfig.builder(properties))
			.withMessageContaining("tortoise.modules is not");
	}

	@Test
	void modulesWithoutDbUrlSaysWhatIsMissing() {
		TortoiseProperties properties = new TortoiseProperties();
		properties.setModules(Map.of("models", List.of("com.example.models")));
		assertThatExceptionOfType(ConfigurationException.class).isThrownBy(() -> PropertiesConfig.builder(properties))
			.withMessageContaining("tortoise.db-url is not");
	}

	@Test
	void configFileIsReadFromAResource() {
		TortoiseProperties properties = new TortoiseProperties();
		properties.setConfigFile(new ByteArrayResource(("{\"connections\": {\"default\": \"h2://:memory:\"},"
				+ " \"apps\": {\"models\": {\"models\": [\"com.example.models\"]}}}").getBytes()));
		TortoiseConfig config = PropertiesConfig.builder(properties).build();
		assertThat(config.apps()).containsOnlyKeys("models");
	}

	@Test
	void aMissingConfigFileNamesIt() {
		TortoiseProperties properties = new TortoiseProperties();
		properties.setConfigFile(new ClassPathResource("no-such-tortoise.json"));
		assertThatExceptionOfType(ConfigurationException.class).isThrownBy(() -> PropertiesConfig.builder(properties))
			.withMessageContaining("tortoise.config-file").withMessageContaining("no-such-tortoise.json");
	}

	@Test
	void twoWaysOfConfiguringAreRefusedNamingBoth() {
		TortoiseProperties properties = new TortoiseProperties();
		properties.setDbUrl("h2://:memory:");
		properties.getConnections().put("default", new TortoiseProperties.Connection("h2://:memory:"));
		assertThatExceptionOfType(ConfigurationException.class).isThrownBy(() -> PropertiesConfig.builder(properties))
			.withMessageContaining("tortoise.connections/tortoise.apps, tortoise.db-url/tortoise.modules");
	}

	@Test
	void connectionNamesAreEmptyForIncompleteProperties() {
		assertThat(PropertiesConfig.connectionNames(null)).isEmpty();
		assertThat(PropertiesConfig.connectionNames(new TortoiseProperties())).isEmpty();
		TortoiseProperties properties = new TortoiseProperties();
		properties.setDbUrl("h2://:memory:");
		properties.setModules(Map.of("models", List.of("com.example.models")));
		assertThat(PropertiesConfig.connectionNames(properties)).containsExactly("default");
	}

}

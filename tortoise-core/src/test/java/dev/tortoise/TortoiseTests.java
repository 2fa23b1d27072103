package dev.tortoise;

import java.util.List;
import java.util.Map;

import dev.tortoise.config.TortoiseConfig;
import dev.tortoise.config.PoolSettings;
import dev.tortoise.config.DbUrl;
import dev.tortoise.exceptions.ConfigurationException;
import dev.tortoise.fields.ForeignKeyField;
import dev.tortoise.models.Apps;
import dev.tortoise.models.Model;
import dev.tortoise.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TortoiseTests {

	@Model
	static class Blog {

		Integer id;

	}

	@Model
	static class AuditRecord {

		Integer id;

		@ForeignKeyField("blog.Blog")
		Blog blog;

	}

	@Test
	void initModelsLinksWithoutAnyDatabase() {
		Apps apps = Tortoise.initModels(Map.of("models", List.of("dev.tortoise.testmodels.schema")));
		assertThat(apps.labels()).containsExactly("models");
		assertThat(apps.model("models.Event").table()).isEqualTo("event");
	}

	@Test
	void initBindsModelsToTheirAppsConnection() {
		TortoiseContext ctx = Tortoise.init(TortoiseConfig.of("h2://:memory:",
				Map.of("models", List.of("dev.tortoise.testmodels.schema")))).block();
		try {
			assertThat(ctx.meta(dev.tortoise.testmodels.schema.Event.class).connection()).isEqualTo("default");
			assertThat(ctx.schemaSql("default", true)).startsWith("CREATE TABLE IF NOT EXISTS \"company\"");
		}
		finally {
			ctx.close();
		}
	}

	@Test
	void relationAcrossConnectionsNamesBothModelsAndConnections() {
		TortoiseConfig config = TortoiseConfig.builder()
			.connection("default", "h2://:memory:")
			.connection("audit_db", "h2://:memory:")
			.app("blog", List.of(Blog.class.getName()))
			.app("audit", List.of(AuditRecord.class.getName()), "audit_db")
			.build();
		assertThatThrownBy(() -> Tortoise.init(config).block()).isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("model audit.AuditRecord on connection \"audit_db\"")
			.hasMessageContaining("model blog.Blog on connection \"default\"");
	}

	@Test
	void driverWithoutDialectIsNamed() {
		TortoiseConfig config = TortoiseConfig.of("r2dbc:mssql://sa:pw@localhost/db",
				Map.of("models", List.of(Blog.class.getName())));
		assertThatThrownBy(() -> Tortoise.init(config).block()).isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("Connection \"default\" uses R2DBC driver \"mssql\"")
			.hasMessageNotContaining("pw@");
	}

	@Test
	void pooledR2dbcUrlIsRefused() {
		TortoiseConfig config = TortoiseConfig.of("r2dbc:pool:h2:mem:///x", Map.of("models", List.of(Blog.class.getName())));
		assertThatThrownBy(() -> Tortoise.init(config).block()).isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("drop \"pool:\"");
	}

	@Test
	void failedInitOpensNoConnection() {
		try (TestDatabase db = TestDatabase.postgres("failinit")) {
			TortoiseConfig config = TortoiseConfig.of(db.url(), Map.of("models", List.of("com.example.missing")));
			assertThatThrownBy(() -> Tortoise.init(config).block()).isInstanceOf(ConfigurationException.class)
				.hasMessageContaining("Module \"com.example.missing\" not found");
			assertThat(db.openSessions()).isZero();
		}
	}

	@Test
	void runClosesTheContextAfterSuccess() {
		TortoiseContext[] seen = new TortoiseContext[1];
		List<String> tables = Tortoise.run(TortoiseConfig.of("h2://:memory:", Map.of("models", List.of(Blog.class.getName()))),
				(ctx) -> {
					seen[0] = ctx;
					return ctx.generateSchemas().thenMany(reactor.core.publisher.Flux.just(ctx.meta(Blog.class).table()));
				})
			.collectList()
			.block();
		assertThat(tables).containsExactly("blog");
		assertThat(seen[0].isClosed()).isTrue();
		assertThat(seen[0].connections().pool("default").isDisposed()).isTrue();
	}

}

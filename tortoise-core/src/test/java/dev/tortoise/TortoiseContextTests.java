package dev.tortoise;

import java.util.List;
import java.util.Map;

import dev.tortoise.config.TortoiseConfig;
import dev.tortoise.exceptions.ConfigurationException;
import dev.tortoise.testing.Sql;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TortoiseContextTests {

	private static final List<String> MODELS = List.of("dev.tortoise.testmodels.schema");

	private static TortoiseContext memory() {
		return Tortoise.init(TortoiseConfig.builder()
			.connection("default", "h2://:memory:?maxsize=4&minsize=0")
			.app("models", MODELS)
			.build()).block();
	}

	@Test
	void memoryDatabaseIsOneDatabaseForEveryPooledConnection() {
		try (TortoiseContext ctx = memory()) {
			ConnectionFactory pool = ctx.connections().get("default");
			Connection first = Mono.from(pool.create()).block();
			Connection second = Mono.from(pool.create()).block();
			try {
				Flux.from(first.createStatement("CREATE TABLE shared_probe (id INT)").execute())
					.flatMap((r) -> r.getRowsUpdated()).blockLast();
				Long rows = Flux.from(second.createStatement("SELECT count(*) FROM shared_probe").execute())
					.flatMap((r) -> r.map((row, meta) -> row.get(0, Long.class))).blockLast();
				assertThat(rows).isZero();
				assertThat(ctx.connections().pool("default").getMetrics().get().acquiredSize()).isEqualTo(2);
			}
			finally {
				Mono.from(first.close()).block();
				Mono.from(second.close()).block();
			}
		}
	}

	@Test
	void separateContextsHaveSeparateMemoryDatabases() {
		try (TortoiseContext one = memory(); TortoiseContext two = memory()) {
			one.generateSchemas().block();
			assertThat(Sql.column(one.connections().get("default"),
					"SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'public'")).contains("event");
			assertThat(Sql.column(two.connections().get("default"),
					"SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'public'")).isEmpty();
		}
	}

	@Test
	void closeIsIdempotentAndReleasesEveryConnection() {
		TortoiseContext ctx = memory();
		ctx.generateSchemas().block();
		assertThat(ctx.connections().pool("default").getMetrics().get().acquiredSize()).isZero();
		ctx.close();
		ctx.close();
		ctx.closeConnections().block();
		assertThat(ctx.isClosed()).isTrue();
		assertThat(ctx.connections().pool("default").isDisposed()).isTrue();
		assertThat(ctx.toString()).contains("closed");
	}

	@Test
	void schemaSqlNamesAnUnknownConnection() {
		try (TortoiseContext ctx = memory()) {
			assertThatThrownBy(() -> ctx.schemaSql("replica", true)).isInstanceOf(ConfigurationException.class)
				.hasMessageContaining("Unknown connection \"replica\". Configured connections: default");
		}
	}

	@Test
	void describeModelsIsKeyedByAppAndModel() {
		try (TortoiseContext ctx = memory()) {
			Map<String, Object> models = ctx.describeModels();
			assertThat(models).containsKeys("models.Event", "models.Team", "models.Tournament");
		}
	}

	@Test
	void describeConnectionsMasksPasswords() {
		TortoiseConfig config = TortoiseConfig.builder()
			.connection("default", "h2://:memory:")
			.connection("pg", "postgres://postgres:hunter2@127.0.0.1:5432/test")
			.app("models", MODELS)
			.build();
		try (TortoiseContext ctx = Tortoise.init(config).block()) {
			assertThat(ctx.describeConnections().toString()).doesNotContain("hunter2").contains("******");
			assertThat(ctx.connections().config("pg").toString()).doesNotContain("hunter2");
		}
	}

}

package dev.tortoise.config;

import java.time.Duration;
import java.util.Map;

import dev.tortoise.exceptions.ConfigurationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectionConfigTests {

	@Test
	void tortoiseAndShortEngineNamesAreAccepted() {
		assertThat(ConnectionConfig.canonicalEngine("tortoise.backends.asyncpg")).isEqualTo("postgres");
		assertThat(ConnectionConfig.canonicalEngine("tortoise.backends.psycopg")).isEqualTo("postgres");
		assertThat(ConnectionConfig.canonicalEngine("tortoise.backends.mysql")).isEqualTo("mysql");
		assertThat(ConnectionConfig.canonicalEngine("tortoise.backends.sqlite")).isEqualTo("sqlite");
		assertThat(ConnectionConfig.canonicalEngine("MariaDB")).isEqualTo("mysql");
		assertThat(ConnectionConfig.canonicalEngine("h2")).isEqualTo("h2");
		assertThatThrownBy(() -> ConnectionConfig.canonicalEngine("oracle")).isInstanceOf(ConfigurationException.class);
	}

	@Test
	void poolSizesComeFromCredentials() {
		ConnectionConfig c = ConnectionConfig.of("postgres", Map.of("host", "h", "minsize", "2", "maxsize", 8));
		assertThat(c.pool().initialSize()).isEqualTo(2);
		assertThat(c.pool().maxSize()).isEqualTo(8);
		assertThat(ConnectionConfig.of("postgres", Map.of("maxsize", 1)).pool().initialSize()).isEqualTo(1);
	}

	@Test
	void statementTimeoutsComeFromCredentialsInSecondsLikeAsyncpgs() {
		assertThat(ConnectionConfig.of("postgres", Map.of("statement_timeout", "1.5")).pool().statementTimeout())
			.isEqualTo(java.time.Duration.ofMillis(1500));
		assertThat(ConnectionConfig.of("postgres", Map.of("command_timeout", 60)).pool().statementTimeout())
			.isEqualTo(java.time.Duration.ofSeconds(60));
		assertThat(ConnectionConfig.of("postgres", Map.of("statement_timeout", 0)).pool().statementTimeout())
			.as("0 means no limit, as in PostgreSQL").isNull();
		assertThatThrownBy(() -> ConnectionConfig.of("postgres", Map.of("statement_timeout", "soon")))
			.isInstanceOf(ConfigurationException.class).hasMessageContaining("statement_timeout must be a number of seconds");
		assertThatThrownBy(() -> ConnectionConfig.of("postgres", Map.of("statement_timeout", -1)))
			.isInstanceOf(ConfigurationException.class).hasMessageContaining("0 or more");
	}

	@Test
	void impossiblePoolSizesAndPortsAreRejected() {
		assertThatThrownBy(() -> ConnectionConfig.of("postgres", Map.of("maxsize", 0)))
			.hasMessageContaining("maxsize must be at least 1");
		assertThatThrownBy(() -> ConnectionConfig.of("postgres", Map.of("minsize", 9, "maxsize", 3)))
			.hasMessageContaining("minsize must be between 0 and maxsize");
		assertThatThrownBy(() -> ConnectionConfig.of("postgres", Map.of("port", "abc")))
			.hasMessageContaining("Port is not an integer");
		assertThatThrownBy(() -> ConnectionConfig.of("postgres", Map.of("maxsize", "many")))
			.hasMessageContaining("maxsize must be an integer");
	}

	@Test
	void passwordsAreMaskedEverywhereButCredentials() {
		ConnectionConfig c = ConnectionConfig.of("mysql", Map.of("user", "root", "password", "hunter2"));
		assertThat(c.toString()).doesNotContain("hunter2");
		assertThat(c.maskedCredentials()).containsEntry("password", "******").containsEntry("user", "root");
		assertThat(c.credential("password")).isEqualTo("hunter2");
	}

	@Test
	void withersReturnChangedCopies() {
		ConnectionConfig c = ConnectionConfig.of("postgres", Map.of("host", "h"));
		ConnectionConfig tuned = c.withPool(c.pool().withMaxSize(20).withMaxIdleTime(Duration.ofMinutes(5))
			.withValidationQuery("SELECT 1"));
		assertThat(tuned.pool().maxSize()).isEqualTo(20);
		assertThat(tuned.pool().maxIdleTime()).isEqualTo(Duration.ofMinutes(5));
		assertThat(tuned.pool().validationQuery()).isEqualTo("SELECT 1");
		assertThat(c.pool()).isEqualTo(PoolSettings.DEFAULTS);
		assertThat(c.withCredential("database", "db").credential("database")).isEqualTo("db");
		assertThat(c.withCredential("host", null).credentials()).doesNotContainKey("host");
		assertThat(tuned).isNotEqualTo(c).isEqualTo(c.withPool(tuned.pool()));
	}

	@Test
	void negativePoolTimesAreRefused() {
		assertThatThrownBy(() -> DbUrl.parse("h2://:memory:")
			.withPool(PoolSettings.DEFAULTS.withMaxAcquireTime(java.time.Duration.ofSeconds(-1))))
			.isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("Pool max acquire time must not be negative, got PT-1S.");
	}

}

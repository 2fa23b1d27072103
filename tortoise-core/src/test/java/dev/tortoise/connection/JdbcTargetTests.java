package dev.tortoise.connection;

import java.util.Map;

import dev.tortoise.config.DbUrl;
import dev.tortoise.exceptions.ConfigurationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each connection's database as JDBC reaches it (for Flyway): the URL its dialect derives from
 * the connection's own, the credentials apart, the password never shown.
 */
class JdbcTargetTests {

	private static JdbcTarget jdbc(String url) {
		Connections connections = Connections.create(Map.of("default", DbUrl.parse(url)));
		try {
			return connections.jdbc("default");
		}
		finally {
			connections.close().block();
		}
	}

	@Test
	void serverDatabasesKeepHostPortDatabaseAndSchema() {
		JdbcTarget postgres = jdbc("postgres://app:s3cret@db.internal:5433/shop?schema=sales");
		assertThat(postgres.url()).isEqualTo("jdbc:postgresql://db.internal:5433/shop?currentSchema=sales");
		assertThat(postgres.user()).isEqualTo("app");
		assertThat(postgres.password()).isEqualTo("s3cret");
		assertThat(postgres.toString()).doesNotContain("s3cret").contains("******");
		// MySQL Connector/J's URL here, where MariaDB's driver is not on the class path (the starter's tests have it).
		assertThat(jdbc("mysql://root:@127.0.0.1:3306/test").url()).isEqualTo("jdbc:mysql://127.0.0.1:3306/test");
	}

	@Test
	void embeddedDatabasesAreTheSameFilesOrTheSameInMemoryDatabase() {
		assertThat(jdbc("sqlite:///tmp/app.sqlite3").url()).isEqualTo("jdbc:sqlite:/tmp/app.sqlite3");
		assertThat(jdbc("h2://./data/app").url()).startsWith("jdbc:h2:file:./data/app;");
		assertThat(jdbc("h2://:memory:").url()).matches("jdbc:h2:mem:tortoise_\\d+;.*DB_CLOSE_DELAY=-1.*");
		assertThatThrownBy(() -> jdbc("sqlite://:memory:")).isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("Connection \"default\"").hasMessageContaining("no JDBC form");
	}

}

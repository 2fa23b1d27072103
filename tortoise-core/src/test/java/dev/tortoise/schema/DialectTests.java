package dev.tortoise.schema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.tortoise.exceptions.ConfigurationException;
import dev.tortoise.testing.dialect.H2VariantDialect;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DialectTests {

	@Test
	void mariaDbConnectionsSendWithoutNagleUnlessTheUrlSaysOtherwise() {
		io.r2dbc.spi.Option<Object> noDelay = io.r2dbc.spi.Option.valueOf("tcpNoDelay");
		Dialect mysql = Dialect.forEngine("mysql");
		assertThat(mysql.r2dbcOptions(dev.tortoise.config.DbUrl.parse("mysql://root:@127.0.0.1:3306/test")).build()
			.getValue(noDelay)).isEqualTo(true);
	}

	@Test
	void dialectsAreFoundThroughTheServiceLoaderByEngineAliasAndDriver() {
		assertThat(Dialect.all()).extracting(Dialect::name).contains("postgres", "mysql", "h2", "h2variant");
		assertThat(Dialect.forEngine("tortoise.backends.asyncpg")).isInstanceOf(PostgresDialect.class);
		assertThat(Dialect.forEngine("MariaDB")).isInstanceOf(MySqlDialect.class);
		assertThat(Dialect.forEngine("h2variant")).isInstanceOf(H2VariantDialect.class);
		assertThat(Dialect.forDriver("mariadb")).isInstanceOf(MySqlDialect.class);
		assertThat(Dialect.forDriver("h2")).isInstanceOf(H2Dialect.class);
		assertThat(Dialect.forDriver("oracle")).isNull();
		assertThat(Dialect.artifactOf("postgresql")).isEqualTo("org.postgresql:r2dbc-postgresql");
		assertThatThrownBy(() -> Dialect.forEngine("oracle")).isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("postgres, mysql, h2");
	}

	/** Engine and driver names as string literals: what code that tests a database's name writes. */
	private static final Pattern ENGINE_NAME = Pattern.compile("\"(postgres|postgresql|mysql|mariadb|h2|asyncpg)\"");

	@Test
	void noCodeOutsideTheDialectsTestsADatabasesName() throws IOException {
		Path main = Path.of("src/main/java");
		List<String> found = new ArrayList<>();
		int scanned = 0;
		try (Stream<Path> files = Files.walk(main)) {
			for (Path file : files.filter((f) -> f.toString().endsWith(".java")).toList()) {
				scanned++;
				boolean dialect = file.getFileName().toString().endsWith("Dialect.java");
				List<String> lines = Files.readAllLines(file);
				for (int i = 0; i < lines.size(); i++) {
					Matcher m = ENGINE_NAME.matcher(lines.get(i));
					// ConnectionConfig's public constants name the engines; nothing else may.
					if (m.find() && !dialect && !lines.get(i).contains("public static final String")) {
						found.add(main.relativize(file) + ":" + (i + 1) + ": " + lines.get(i).trim());
					}
				}
			}
		}
		assertThat(scanned).as("source files read").isGreaterThan(50);
		assertThat(found).as("engine names outside dialect classes").isEmpty();
	}

}

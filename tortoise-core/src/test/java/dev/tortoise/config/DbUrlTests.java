package dev.tortoise.config;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.tortoise.exceptions.ConfigurationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Port of Tortoise ORM's tests/backends/test_db_url.py, plus H2 and R2DBC URLs. */
class DbUrlTests {

	private static Map<String, Object> map(Object... keyValues) {
		Map<String, Object> m = new LinkedHashMap<>();
		for (int i = 0; i < keyValues.length; i += 2) {
			m.put((String) keyValues[i], keyValues[i + 1]);
		}
		return m;
	}

	@Test
	void unknownSchemeIsRejected() {
		assertThatThrownBy(() -> DbUrl.parse("moo://baa")).isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("Unknown DB scheme: moo");
	}

	@Test
	void sqliteAbsolutePath() {
		ConnectionConfig c = DbUrl.parse("sqlite:///some/test.sqlite");
		assertThat(c.engine()).isEqualTo("sqlite");
		assertThat(c.credentials()).isEqualTo(map("file_path", "/some/test.sqlite", "journal_mode", "WAL",
				"journal_size_limit", 16384));
	}

	@Test
	void sqliteRelativePaths() {
		assertThat(DbUrl.parse("sqlite://test.sqlite").credential("file_path")).isEqualTo("test.sqlite");
		assertThat(DbUrl.parse("sqlite://data/db.sqlite").credential("file_path")).isEqualTo("data/db.sqlite");
	}

	@Test
	void sqliteParamsOverrideDefaults() {
		assertThat(DbUrl.parse("sqlite:///some/test.sqlite?AHA=5&moo=yes&journal_mode=TRUNCATE").credentials())
			.isEqualTo(map("file_path", "/some/test.sqlite", "journal_mode", "TRUNCATE", "journal_size_limit", 16384,
					"AHA", "5", "moo", "yes"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "sqlite://", "h2://" })
	void fileEnginesNeedAPath(String url) {
		assertThatThrownBy(() -> DbUrl.parse(url)).isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("No path specified for DB_URL");
	}

	@ParameterizedTest
	@ValueSource(strings = { "postgres", "postgresql", "asyncpg", "psycopg" })
	void postgresBasic(String scheme) {
		ConnectionConfig c = DbUrl.parse(scheme + "://postgres:moo@127.0.0.1:54321/test");
		assertThat(c.engine()).isEqualTo("postgres");
		assertThat(c.credentials()).isEqualTo(map("user", "postgres", "password", "moo", "host", "127.0.0.1", "port",
				54321, "database", "test"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "postgres", "asyncpg", "psycopg" })
	void postgresEncodedPasswordIsDecoded(String scheme) {
		assertThat(DbUrl.parse(scheme + "://postgres:kx%25jj5%2Fg@127.0.0.1:54321/test").credential("password"))
			.isEqualTo("kx%jj5/g");
	}

	@Test
	void plusInPasswordStaysAPlus() {
		assertThat(DbUrl.parse("postgres://u:a+b@h/db").credential("password")).isEqualTo("a+b");
	}

	@Test
	void postgresWithoutDatabaseUsesTheServerDefault() {
		assertThat(DbUrl.parse("postgres://postgres:moo@127.0.0.1:54321").credentials()).doesNotContainKey("database")
			.containsEntry("port", 54321);
	}

	@Test
	void postgresDefaultPortAndNoPassword() {
		assertThat(DbUrl.parse("postgres://postgres@127.0.0.1/test").credentials())
			.isEqualTo(map("user", "postgres", "host", "127.0.0.1", "port", 5432, "database", "test"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "postgres://postgres:@127.0.0.1:moo/test", "mysql://root:@127.0.0.1:moo/test" })
	void nonIntegerPortIsRejected(String url) {
		assertThatThrownBy(() -> DbUrl.parse(url)).isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("Port is not an integer");
	}

	@Test
	void portOutOfRangeIsRejected() {
		assertThatThrownBy(() -> DbUrl.parse("postgres://u@h:70000/db")).isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("70000");
	}

	@Test
	void postgresUnknownParamsAreKeptAsText() {
		assertThat(DbUrl.parse("postgres://postgres@127.0.0.1:5432/test?AHA=5&moo=yes").credentials())
			.containsEntry("AHA", "5")
			.containsEntry("moo", "yes");
	}

	@Test
	void postgresPoolParamsAreTypedAndSizeThePool() {
		ConnectionConfig c = DbUrl.parse("postgres://p@h/db?maxsize=20&minsize=5&max_inactive_connection_lifetime=20.5");
		assertThat(c.credentials()).containsEntry("maxsize", 20).containsEntry("minsize", 5)
			.containsEntry("max_inactive_connection_lifetime", 20.5);
		assertThat(c.pool().maxSize()).isEqualTo(20);
		assertThat(c.pool().initialSize()).isEqualTo(5);
		assertThat(DbUrl.parse("postgres://p@h/db?min_size=2&max_size=3").pool().maxSize()).isEqualTo(3);
	}

	@Test
	void mysqlBasicWithEmptyPassword() {
		ConnectionConfig c = DbUrl.parse("mysql://root:@127.0.0.1:33060/test");
		assertThat(c.engine()).isEqualTo("mysql");
		assertThat(c.credentials()).isEqualTo(map("user", "root", "password", "", "host", "127.0.0.1", "port", 33060,
				"database", "test", "charset", "utf8mb4", "sql_mode", "STRICT_TRANS_TABLES"));
	}

	@Test
	void mysqlEncodedPasswordAndDefaultPort() {
		assertThat(DbUrl.parse("mysql://root:kx%25jj5%2Fg@127.0.0.1:33060/test").credential("password"))
			.isEqualTo("kx%jj5/g");
		assertThat(DbUrl.parse("mysql://root@127.0.0.1/test").credentials()).containsEntry("port", 3306)
			.containsEntry("password", "");
		assertThat(DbUrl.parse("mariadb://root@127.0.0.1/test").engine()).isEqualTo("mysql");
	}

	@Test
	void mysqlParamsAreTyped() {
		ConnectionConfig c = DbUrl.parse("mysql://root:@127.0.0.1:3306/test?AHA=5&moo=yes&maxsize=20&minsize=5"
				+ "&connect_timeout=1.5&echo=1&ssl=True");
		assertThat(c.credentials()).containsEntry("AHA", "5").containsEntry("moo", "yes").containsEntry("minsize", 5)
			.containsEntry("maxsize", 20).containsEntry("connect_timeout", 1.5).containsEntry("echo", true)
			.containsEntry("ssl", true);
	}

	@Test
	void badlyTypedParamsNameTheParameterButNotThePassword() {
		assertThatThrownBy(() -> DbUrl.parse("postgres://u:s3cret@h/db?maxsize=lots"))
			.isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("maxsize")
			.hasMessageNotContaining("s3cret");
		assertThatThrownBy(() -> DbUrl.parse("postgres://u:s3cret@h/db?ssl=maybe"))
			.hasMessageContaining("ssl")
			.hasMessageNotContaining("s3cret");
	}

	@Test
	void h2Paths() {
		assertThat(DbUrl.parse("h2://:memory:").credentials()).isEqualTo(map("file_path", ":memory:"));
		assertThat(DbUrl.parse("h2://./data/app").credential("file_path")).isEqualTo("./data/app");
		assertThat(DbUrl.parse("h2:///var/db/app").credential("file_path")).isEqualTo("/var/db/app");
		assertThat(DbUrl.parse("h2://:memory:").engine()).isEqualTo("h2");
	}

	@Test
	void r2dbcUrlsAreKeptAsIs() {
		ConnectionConfig c = DbUrl.parse("r2dbc:postgresql://u:pw@localhost:5432/db");
		assertThat(c.engine()).isEqualTo("r2dbc");
		assertThat(c.credential("url")).isEqualTo("r2dbc:postgresql://u:pw@localhost:5432/db");
		assertThat(c.toString()).doesNotContain("pw");
		assertThatThrownBy(() -> DbUrl.parse("r2dbc://x")).isInstanceOf(ConfigurationException.class);
	}

	@Test
	void ipv6Hosts() {
		assertThat(DbUrl.parse("postgres://u@[::1]:6543/db").credentials()).containsEntry("host", "::1")
			.containsEntry("port", 6543);
		assertThat(DbUrl.parse("postgres://u@[::1]/db").credentials()).containsEntry("host", "::1")
			.containsEntry("port", 5432);
	}

	@Test
	void malformedHostsAreRefusedWithThePasswordMaskedNeverTakenForLocalhost() {
		for (String url : new String[] { "postgres://app:s3cret@[bad:5432/x", "postgres://app:s3cret@[::1]x/db",
				"mysql://app:s3cret@ho]st:3306/x" }) {
			assertThatThrownBy(() -> DbUrl.parse(url)).as(url).isInstanceOf(ConfigurationException.class)
				.hasMessageContaining("is not valid")
				.hasMessageContaining("app:******@")
				.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("s3cret"));
		}
	}

	@Test
	void maskHidesThePassword() {
		assertThat(DbUrl.mask("postgres://user:s3cret@host/db")).isEqualTo("postgres://user:******@host/db");
		assertThat(DbUrl.mask("postgres://user@host/db")).isEqualTo("postgres://user@host/db");
	}

	@Test
	void emptyAndSchemelessUrlsAreRejected() {
		assertThatThrownBy(() -> DbUrl.parse(" ")).isInstanceOf(ConfigurationException.class);
		assertThatThrownBy(() -> DbUrl.parse("localhost:5432")).isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("no scheme");
	}

}

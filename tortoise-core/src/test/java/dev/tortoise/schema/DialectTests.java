package dev.tortoise.schema;

import dev.tortoise.fields.FieldType;

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

	private static String text(String engine, dev.tortoise.query.sql.Part part) {
		return dev.tortoise.query.sql.Context.render(Dialect.forEngine(engine), part).text();
	}

	private static final dev.tortoise.query.sql.Part COL = dev.tortoise.query.sql.Column.of("name");

	private static final dev.tortoise.query.sql.Value ARG = dev.tortoise.query.sql.Params.raw(0, String.class);

	@Test
	void queryFeaturesAreWrittenInEachDatabasesSql() {
		// Regular expressions and full-text search.
		assertThat(text("postgres", (ctx) -> ctx.dialect().renderRegex(ctx, COL, ARG, true))).isEqualTo("\"name\" ~* $1");
		assertThat(text("mysql", (ctx) -> ctx.dialect().renderRegex(ctx, COL, ARG, false)))
			.isEqualTo("`name` REGEXP CONCAT('(?-i)', ?)");
		assertThat(text("h2", (ctx) -> ctx.dialect().renderRegex(ctx, COL, ARG, true)))
			.isEqualTo("REGEXP_LIKE(\"name\", $1, 'i')");
		assertThat(text("postgres", (ctx) -> ctx.dialect().renderSearch(ctx, COL, ARG, false)))
			.isEqualTo("TO_TSVECTOR(\"name\") @@ PLAINTO_TSQUERY($1)");
		assertThat(text("mysql", (ctx) -> ctx.dialect().renderSearch(ctx, COL, ARG, false)))
			.isEqualTo("MATCH(`name`) AGAINST (? IN NATURAL LANGUAGE MODE)");
		// Date parts.
		assertThat(text("postgres", (ctx) -> ctx.dialect().renderDatePart(ctx, "week_day", COL, FieldType.DATETIME)))
			.isEqualTo("(EXTRACT(DOW FROM \"name\") + 1)");
		assertThat(text("mysql", (ctx) -> ctx.dialect().renderDatePart(ctx, "week", COL, FieldType.DATETIME)))
			.isEqualTo("WEEK(`name`, 3)");
		assertThat(text("sqlite", (ctx) -> ctx.dialect().renderDatePart(ctx, "quarter", COL, FieldType.DATE)))
			.isEqualTo("((CAST(strftime('%m', \"name\") AS INTEGER) + 2) / 3)");
		assertThat(text("h2", (ctx) -> ctx.dialect().renderDatePart(ctx, "year", COL, FieldType.DATE)))
			.isEqualTo("EXTRACT(YEAR FROM \"name\")");
		// Functions.
		List<dev.tortoise.query.sql.Part> two = List.of(COL, ARG);
		assertThat(text("mysql", (ctx) -> ctx.dialect().renderFunction(ctx, "CONCAT", two)))
			.isEqualTo("CONCAT_WS('', `name`, ?)");
		assertThat(text("sqlite", (ctx) -> ctx.dialect().renderFunction(ctx, "CONCAT", two)))
			.isEqualTo("(COALESCE(\"name\", '') || COALESCE(?, ''))");
		assertThat(text("mysql", (ctx) -> ctx.dialect().renderFunction(ctx, "LENGTH", List.of(COL))))
			.isEqualTo("CHAR_LENGTH(`name`)");
		// Locks.
		var lock = new dev.tortoise.query.sql.Select.Lock(false, true, List.of("_t0"));
		assertThat(text("postgres", (ctx) -> ctx.dialect().renderLock(ctx, lock))).isEqualTo(" FOR UPDATE OF \"_t0\" SKIP LOCKED");
		assertThat(text("sqlite", (ctx) -> ctx.dialect().renderLock(ctx, lock))).isEmpty();
		assertThatThrownBy(() -> text("mysql", (ctx) -> ctx.dialect().renderLock(ctx, lock)))
			.hasMessageContaining("not available on MySQL/MariaDB").hasMessageContaining("leave of empty");
	}

	@Test
	void upsertsAreWrittenAsEachDatabaseHasThem() {
		var table = dev.tortoise.query.sql.Table.of("team");
		List<List<dev.tortoise.query.sql.Value>> row = List.of(List.of(dev.tortoise.query.sql.Params.raw(0, Long.class),
				dev.tortoise.query.sql.Params.raw(1, String.class)));
		var update = new dev.tortoise.query.sql.Insert(table, List.of("id", "name"), row,
				new dev.tortoise.query.sql.Insert.OnConflict(List.of("id"), List.of("name"), List.of("id")));
		var ignore = new dev.tortoise.query.sql.Insert(table, List.of("id", "name"), row,
				new dev.tortoise.query.sql.Insert.OnConflict(List.of(), List.of(), List.of("id")));
		assertThat(text("postgres", update)).isEqualTo("INSERT INTO \"team\" (\"id\", \"name\") VALUES ($1, $2)"
				+ " ON CONFLICT (\"id\") DO UPDATE SET \"name\" = EXCLUDED.\"name\"");
		assertThat(text("sqlite", ignore)).isEqualTo("INSERT INTO \"team\" (\"id\", \"name\") VALUES (?, ?) ON CONFLICT DO NOTHING");
		assertThat(text("mysql", ignore)).isEqualTo("INSERT IGNORE INTO `team` (`id`, `name`) VALUES (?, ?)");
		assertThat(text("mysql", update)).endsWith(" ON DUPLICATE KEY UPDATE `name` = VALUES(`name`)");
		assertThat(text("h2", ignore)).isEqualTo("MERGE INTO \"team\" \"_m\" USING (VALUES ($1, $2)) AS \"_n\""
				+ " (\"id\", \"name\") ON \"_m\".\"id\" = \"_n\".\"id\" WHEN NOT MATCHED THEN INSERT (\"id\", \"name\")"
				+ " VALUES (\"_n\".\"id\", \"_n\".\"name\")");
	}

}

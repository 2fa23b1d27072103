package dev.tortoise.schema;

import java.util.List;
import java.util.Map;

import dev.tortoise.Tortoise;
import dev.tortoise.TortoiseContext;
import dev.tortoise.config.TortoiseConfig;
import dev.tortoise.exceptions.ConfigurationException;
import dev.tortoise.testing.Sql;
import dev.tortoise.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Named, partial and typed indexes created on each real database and read back from its
 * catalog; kinds a database lacks refused before any DDL, naming the model and the index.
 */
class IndexIntegrationTests {

	private static TortoiseContext context(String url, String models) {
		return Tortoise.init(TortoiseConfig.builder().connection("default", url)
			.app("models", List.of("dev.tortoise.testmodels.indexes." + models)).build()).block();
	}

	@Test
	void postgresCreatesEveryKindAndPartialIndexesWithTheirCondition() {
		try (TestDatabase db = TestDatabase.postgres("indexes")) {
			TortoiseContext ctx = context(db.url(), "postgres");
			try {
				ctx.generateSchemas(true).block();
				ctx.generateSchemas(true).block();
				Map<String, String> defs = new java.util.HashMap<>();
				for (Map<String, Object> row : Sql.query(db.admin(),
						"SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = '" + db.name() + "'")) {
					defs.put((String) row.get("indexname"), (String) row.get("indexdef"));
				}
				assertThat(defs.get(Dialect.indexName("idx", "document", List.of("payload")))).contains("USING gin (payload)");
				assertThat(defs.get(Dialect.indexName("idx", "document", List.of("created")))).contains("USING brin (created)");
				assertThat(defs.get("document_slug_hash")).contains("USING hash (slug)");
				assertThat(defs.get(Dialect.indexName("idx", "document", List.of("body")))).contains("USING spgist (body)");
				assertThat(defs.get("live_slugs")).contains("USING btree (slug)")
					.contains("WHERE ((live = true) AND ((kind)::text = 'it''s'::text))");
				assertThat(defs.get("live_created")).contains("USING brin (created) WHERE (live = true)");
			}
			finally {
				ctx.close();
			}
		}
	}

	@Test
	void mariaDbCreatesFullTextAndNamedIndexesInsideItsCreateTable() {
		try (TestDatabase db = TestDatabase.mysql("indexes")) {
			TortoiseContext ctx = context(db.url(), "mysql");
			try {
				ctx.generateSchemas(true).block();
				ctx.generateSchemas(true).block();
				List<Map<String, Object>> rows = Sql.query(db.admin(), "SELECT index_name, index_type, column_name"
						+ " FROM information_schema.statistics WHERE table_schema = '" + db.name() + "' ORDER BY index_name, seq_in_index");
				Map<String, List<String>> types = new java.util.TreeMap<>();
				rows.forEach((r) -> types.computeIfAbsent(String.valueOf(r.get("index_name")), (k) -> new java.util.ArrayList<>())
					.add(r.get("index_type") + " " + r.get("column_name")));
				assertThat(types.get(Dialect.indexName("idx", "article", List.of("title", "body"))))
					.containsExactly("FULLTEXT title", "FULLTEXT body");
				assertThat(types.get("article_slug")).containsExactly("BTREE slug");
			}
			finally {
				ctx.close();
			}
		}
	}

	@Test
	void sqliteCreatesPartialIndexes() {
		try (TestDatabase db = TestDatabase.sqlite("indexes")) {
			TortoiseContext ctx = context(db.url(), "sqlite");
			try {
				ctx.generateSchemas(true).block();
				ctx.generateSchemas(true).block();
				assertThat(Sql.column(db.admin(), "SELECT sql FROM sqlite_master WHERE name = 'live_titles'"))
					.containsExactly("CREATE INDEX \"live_titles\" ON \"note\" (\"title\") WHERE \"live\" = true");
			}
			finally {
				ctx.close();
			}
		}
	}

	@Test
	void aKindTheDatabaseLacksIsRefusedNamingTheModelAndTheIndex() {
		TortoiseContext ctx = context("h2://:memory:", "postgres");
		try {
			assertThatThrownBy(() -> ctx.generateSchemas(true).block()).isInstanceOf(ConfigurationException.class)
				.hasMessageContaining("Document has index \"idx_document_payload_")
				.hasMessageContaining("a GIN index, which h2 does not have");
			assertThatThrownBy(() -> ctx.schemaSql("default", true)).isInstanceOf(ConfigurationException.class);
		}
		finally {
			ctx.close();
		}
		TortoiseContext partial = context("h2://:memory:", "sqlite");
		try {
			assertThatThrownBy(() -> partial.generateSchemas(true).block()).isInstanceOf(ConfigurationException.class)
				.hasMessageContaining("Note has index \"live_titles\", a partial index, which h2 does not have");
		}
		finally {
			partial.close();
		}
	}

}

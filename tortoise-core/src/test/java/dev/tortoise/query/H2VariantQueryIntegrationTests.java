package dev.tortoise.query;

import dev.tortoise.testing.TestDatabase;
import dev.tortoise.testmodels.query.Event;
import org.junit.jupiter.api.Test;
import dev.tortoise.testing.dialect.H2VariantDialect;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link QueryIntegrationTests} on a dialect added as one class ({@link H2VariantDialect},
 * registered through {@code ServiceLoader} in the test resources): the proof that a new
 * database needs nothing outside its dialect.
 */
class H2VariantQueryIntegrationTests extends QueryIntegrationTests {

	@Override
	TestDatabase createDatabase() {
		return null;
	}

	@Override
	String url() {
		return "h2variant://:memory:";
	}

	@Test
	void statementsAreWrittenByTheVariant() {
		assertThat(this.ctx.connections().dialect("default")).isInstanceOf(H2VariantDialect.class);
		Written where = Written.where("h2variant", this.ctx.meta(Event.class), Q.of("name__icontains", "a"),
				Q.of("id__in", java.util.List.of(1, 2)));
		assertThat(where.text()).isEqualTo("LOWER(\"_t0\".\"name\") LIKE LOWER($1) AND \"_t0\".\"id\" IN ($2, $3)");
		var page = new dev.tortoise.query.sql.Select(java.util.List.of(dev.tortoise.query.sql.Part.raw("1")),
				dev.tortoise.query.sql.Table.of("event"), null, java.util.List.of(),
				dev.tortoise.query.sql.Params.raw(0, Long.class), dev.tortoise.query.sql.Params.raw(1, Long.class));
		assertThat(Written.text("h2variant", page)).isEqualTo("SELECT 1 FROM \"event\" OFFSET $1 ROWS FETCH NEXT $2 ROWS ONLY");
	}

}

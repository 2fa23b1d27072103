package dev.tortoise.query;

import java.util.List;
import java.util.Map;

import dev.tortoise.Tortoise;
import dev.tortoise.exceptions.FieldException;
import dev.tortoise.models.Apps;
import dev.tortoise.models.ModelMeta;
import dev.tortoise.testmodels.query.Tournament;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SQL of keys through relations that hold many rows: one subquery per relation, never a join. */
class SemiJoinsTests {

	private static final Apps APPS = Tortoise.initModels(Map.of("models", List.of("dev.tortoise.testmodels.query")));

	private static final ModelMeta<Tournament> TOURNAMENT = APPS.meta(Tournament.class);

	private static Written compile(Q q) {
		Written where = Written.where("postgres", TOURNAMENT, q);
		assertThat(where.joins().isEmpty()).as("nothing is joined").isTrue();
		return where;
	}

	@Test
	void aBackwardForeignKeyIsOneInSubquery() {
		assertThat(compile(Q.of("events__name", "A")).text()).isEqualTo("\"_t0\".\"id\" IN (SELECT \"_s1\".\"tournament_id\""
				+ " FROM \"event\" \"_s1\" WHERE \"_s1\".\"name\" = $1)");
	}

	@Test
	void aConditionAMissingRowSatisfiesAlsoMatchesRowsWithoutRelatedRows() {
		assertThat(compile(Q.of("events__isnull", true)).text()).isEqualTo("(\"_t0\".\"id\" IN (SELECT"
				+ " \"_s1\".\"tournament_id\" FROM \"event\" \"_s1\" WHERE \"_s1\".\"id\" IS NULL) OR NOT EXISTS (SELECT 1 FROM"
				+ " \"event\" \"_n1\" WHERE \"_n1\".\"tournament_id\" = \"_t0\".\"id\"))");
	}

	@Test
	void relationsBehindRelationsNestAndConditionsOnOneRelationShareItsRow() {
		Written where = compile(Q.of("events__participants__name", "Red").and(Q.of("events__name", "A")));
		assertThat(where.text()).startsWith("\"_t0\".\"id\" IN (SELECT \"_s1\".\"tournament_id\" FROM \"event\" \"_s1\" WHERE")
			.contains("\"_s1\".\"id\" IN (SELECT \"_s2m\".\"event_id\" FROM \"event_team\" \"_s2m\", \"team\" \"_s2\"")
			.containsOnlyOnce("FROM \"event\"");
		assertThat(where.sql().values()).containsExactly("A", "Red");
	}

	@Test
	void tooManyAlternativesAreRefusedBeforeAnySql() {
		Q nine = Q.of("events__name", "0");
		Q other = Q.of("events__prize", 0);
		for (int i = 1; i < 9; i++) {
			nine = nine.or(Q.of("events__name", Integer.toString(i)));
			other = other.or(Q.of("events__prize", i));
		}
		Q tooMany = nine.and(other);
		assertThatThrownBy(() -> compile(tooMany)).isInstanceOf(FieldException.class)
			.hasMessageContaining("more than 64 alternatives");
	}

}

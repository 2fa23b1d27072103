package dev.tortoise.query;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import dev.tortoise.Tortoise;
import dev.tortoise.exceptions.FieldException;
import dev.tortoise.exceptions.ValidationException;
import dev.tortoise.models.Apps;
import dev.tortoise.models.ModelMeta;
import dev.tortoise.schema.Dialect;
import dev.tortoise.testmodels.query.Event;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SQL that filters compile to, per dialect: quoted names, bound values, joins. */
class FiltersTests {

	private static final Apps APPS = Tortoise.initModels(Map.of("models", List.of("dev.tortoise.testmodels.query")));

	private static final ModelMeta<Event> EVENT = APPS.meta(Event.class);

	private static Sql sql(String engine) {
		return new Sql(Dialect.forEngine(engine), new ValueCodec(engine, true, ZoneId.of("UTC")));
	}

	private static String compile(String engine, Q q, Sql sql) {
		return Filters.compile(List.of(q), new Joins(sql.dialect(), EVENT, "_t0"), sql);
	}

	@Test
	void valuesAreBoundNeverInlined() {
		Sql sql = sql("postgres");
		String where = compile("postgres", Q.of("name", "'); DROP TABLE event; --"), sql);
		assertThat(where).isEqualTo("\"_t0\".\"name\" = $1");
		assertThat(sql.values()).containsExactly("'); DROP TABLE event; --");
	}

	@Test
	void mysqlUsesQuestionMarksAndBackticks() {
		Sql sql = sql("mysql");
		String where = compile("mysql", Q.of("name__icontains", "cup").or(Q.of("prize__gt", 10)), sql);
		assertThat(where).isEqualTo("(UPPER(`_t0`.`name`) LIKE UPPER(?) OR `_t0`.`prize` > ?)");
		assertThat(sql.values()).hasSize(2);
		assertThat(sql.values().get(0)).isEqualTo("%cup%");
	}

	@Test
	void likePatternsEscapeWildcards() {
		Sql sql = sql("h2");
		compile("h2", Q.of("name__startswith", "100%_\\"), sql);
		assertThat(sql.values()).containsExactly("100\\%\\_\\\\%");
	}

	@Test
	void nullsUseIsNullAndNotIncludesNulls() {
		Sql sql = sql("postgres");
		assertThat(compile("postgres", Q.of("prize", null), sql)).isEqualTo("\"_t0\".\"prize\" IS NULL");
		assertThat(compile("postgres", Q.of("prize__not", 5), sql))
			.isEqualTo("(\"_t0\".\"prize\" <> $1 OR \"_t0\".\"prize\" IS NULL)");
		assertThat(compile("postgres", Q.of("name", "x").not(), sql)).isEqualTo("NOT (\"_t0\".\"name\" = $2)");
	}

	@Test
	void relationsJoinWithQuotedNames() {
		Sql sql = sql("postgres");
		Joins joins = new Joins(sql.dialect(), EVENT, "_t0");
		String where = Filters.compile(List.of(Q.of("tournament__name", "Cup")), joins, sql);
		assertThat(where).isEqualTo("\"_t1\".\"name\" = $1");
		assertThat(joins.from()).isEqualTo("\"event\" \"_t0\" LEFT JOIN \"tournament\" \"_t1\" ON \"_t1\".\"id\" = \"_t0\".\"tournament_id\"");
		Joins m2m = new Joins(sql.dialect(), EVENT, "_t0");
		String semiJoin = Filters.compile(List.of(Q.of("participants__name", "Red")), m2m, sql);
		assertThat(m2m.isEmpty()).as("relations that hold many rows are not joined").isTrue();
		assertThat(semiJoin).isEqualTo("\"_t0\".\"id\" IN (SELECT \"_s1m\".\"event_id\" FROM \"event_team\" \"_s1m\","
				+ " \"team\" \"_s1\" WHERE \"_s1\".\"id\" = \"_s1m\".\"team_id\" AND (\"_s1\".\"name\" = $2))");
	}

	@Test
	void aConditionRewrittenForToManyRelationsBindsEachLeafWhereItLandsAgain() {
		Q first = Q.of("participants__name", "Red").or(Q.of("name", "A")).and(Q.of("tournament__name", "Cup"));
		Q second = Q.of("participants__name", "Blue").or(Q.of("name", "B")).and(Q.of("tournament__name", "Open"));
		Sql compiled = sql("postgres");
		List<Filters.Bound> bound = new java.util.ArrayList<>();
		String text = Filters.compile(List.of(first), new Joins(compiled.dialect(), EVENT, "_t0"), compiled, bound);
		assertThat(text).as("two alternatives, the tournament's name in each").contains(" OR ");
		assertThat(compiled.values()).containsExactly("Cup", "Red", "A", "Cup");
		Sql rebound = sql("postgres");
		Filters.bind(List.of(second), bound, rebound);
		assertThat(rebound.values()).containsExactly("Open", "Blue", "B", "Open");
	}

	@Test
	void badKeysAndValuesAreNamed() {
		assertThatThrownBy(() -> compile("h2", Q.of("tournament__nope", 1), sql("h2"))).isInstanceOf(FieldException.class)
			.hasMessageContaining("Unknown field \"nope\" in \"tournament__nope\" for model Tournament");
		assertThatThrownBy(() -> compile("h2", Q.of("prize__contains", "1"), sql("h2"))).isInstanceOf(FieldException.class)
			.hasMessageContaining("needs a text field");
		assertThatThrownBy(() -> compile("h2", Q.of("prize__in", 5), sql("h2"))).isInstanceOf(ValidationException.class)
			.hasMessageContaining("collection");
		assertThatThrownBy(() -> compile("h2", Q.of("prize__range", List.of(1)), sql("h2")))
			.isInstanceOf(ValidationException.class).hasMessageContaining("two values");
		assertThatThrownBy(() -> compile("h2", Q.of("id", "seven"), sql("h2"))).isInstanceOf(ValidationException.class)
			.hasMessageContaining("Event.id");
	}

	@Test
	void emptyInIsFalseAndEmptyNotInIsTrue() {
		Sql sql = sql("h2");
		assertThat(compile("h2", Q.of("id__in", List.of()), sql)).isEqualTo("1=0");
		assertThat(compile("h2", Q.of("id__not_in", new long[0]), sql)).isEqualTo("1=1");
	}

	@Test
	void filtersOfTheSameShapeBindTheirOwnValuesToTheSameText() {
		Q first = Q.of("name__icontains", "cup").or(Q.of("prize__in", List.of(1, 2)).not())
			.and(Q.of("prize__range", new int[] { 3, 9 })).and(Q.of("tournament__name__not", "Open"));
		Q second = Q.of("name__icontains", "50%").or(Q.of("prize__in", List.of(7, 8)).not())
			.and(Q.of("prize__range", new int[] { 4, 6 })).and(Q.of("tournament__name__not", "Masters"));
		assertThat(Filters.shape(List.of(first))).isEqualTo(Filters.shape(List.of(second)));
		Sql compiled = sql("postgres");
		List<Filters.Bound> targets = new java.util.ArrayList<>();
		String text = Filters.compile(List.of(first), new Joins(compiled.dialect(), EVENT, "_t0"), compiled, targets);
		Sql fresh = sql("postgres");
		assertThat(compile("postgres", second, fresh)).isEqualTo(text);
		Sql rebound = sql("postgres");
		Filters.bind(List.of(second), targets, rebound);
		assertThat(rebound.values()).isEqualTo(fresh.values()).isNotEqualTo(compiled.values());
		assertThat(rebound.values()).containsExactly("%50\\%%", new BigDecimal("7.00"), new BigDecimal("8.00"),
				new BigDecimal("4.00"), new BigDecimal("6.00"), "Masters");
		for (int i = 0; i < fresh.size(); i++) {
			assertThat(rebound.type(i)).isEqualTo(fresh.type(i));
		}
	}

	@Test
	void shapesTellApartWhatChangesTheText() {
		assertThat(Filters.shape(List.of(Q.of("prize", 1)))).isEqualTo(Filters.shape(List.of(Q.of("prize", 2))))
			.isNotEqualTo(Filters.shape(List.of(Q.of("prize", null))))
			.isNotEqualTo(Filters.shape(List.of(Q.of("prize__gt", 1))))
			.isNotEqualTo(Filters.shape(List.of(Q.of("prize", 1).not())));
		assertThat(Filters.shape(List.of(Q.of("id__in", List.of(1, 2)))))
			.isEqualTo(Filters.shape(List.of(Q.of("id__in", new long[] { 5, 6 }))))
			.isNotEqualTo(Filters.shape(List.of(Q.of("id__in", List.of(1, 2, 3)))));
		assertThat(Filters.shape(List.of(Q.of("prize__isnull", true))))
			.isNotEqualTo(Filters.shape(List.of(Q.of("prize__isnull", false))));
		assertThat(Filters.shape(List.of(Q.of("prize", 1).or(Q.of("name", "a")))))
			.isNotEqualTo(Filters.shape(List.of(Q.of("prize", 1).and(Q.of("name", "a")))))
			.isNotEqualTo(Filters.shape(List.of(Q.of("prize", 1), Q.of("name", "a"))));
	}

	@Test
	void longListsShareOneShapeAndLargeTreesHaveNone() {
		List<Integer> many = java.util.stream.IntStream.range(0, Filters.MAX_SHAPE + 1).boxed().toList();
		List<Integer> more = java.util.stream.IntStream.range(0, 3 * Filters.MAX_SHAPE).boxed().toList();
		assertThat(Filters.shape(List.of(Q.of("id__in", many)))).isNotNull()
			.isEqualTo(Filters.shape(List.of(Q.of("id__in", more))))
			.isNotEqualTo(Filters.shape(List.of(Q.of("id__in", many.subList(0, Filters.MAX_SHAPE)))));
		Q wide = Q.of("id", 0);
		for (int i = 1; i <= Filters.MAX_SHAPE; i++) {
			wide = wide.or(Q.of("id", i));
		}
		assertThat(Filters.shape(List.of(Q.of("name", "a"), wide))).isNull();
	}

	@Test
	void keyListsBindAsOneArrayOnPostgresAndH2() {
		for (String engine : List.of("postgres", "h2")) {
			Sql sql = sql(engine);
			assertThat(compile(engine, Q.of("id__in", List.of(3, 1, 2)), sql)).isEqualTo("\"_t0\".\"id\" = ANY($1)");
			assertThat(compile(engine, Q.of("name__not_in", List.of("a", "b")), sql))
				.isEqualTo("(NOT (\"_t0\".\"name\" = ANY($2)) OR \"_t0\".\"name\" IS NULL)");
			assertThat(sql.size()).isEqualTo(2);
			assertThat(sql.value(0)).isEqualTo(new Long[] { 3L, 1L, 2L });
			assertThat(sql.type(0)).isEqualTo(Long[].class);
			assertThat(sql.value(1)).isEqualTo(new String[] { "a", "b" });
			assertThat(sql.isOneOff()).isFalse();
		}
	}

	@Test
	void nullsInAnArrayListAreLeftOutButKeepNotInFromMatchingValues() {
		Sql sql = sql("h2");
		assertThat(compile("h2", Q.of("id__in", java.util.Arrays.asList(1, null)), sql))
			.isEqualTo("\"_t0\".\"id\" = ANY($1)");
		assertThat(sql.value(0)).isEqualTo(new Long[] { 1L });
		assertThat(compile("h2", Q.of("id__not_in", java.util.Arrays.asList(1, null)), sql))
			.isEqualTo("\"_t0\".\"id\" IS NULL");
		assertThat(compile("h2", Q.of("id__in", new Long[] { null }), sql)).isEqualTo("\"_t0\".\"id\" = ANY($2)");
		assertThat(sql.value(1)).isEqualTo(new Long[0]);
		assertThat(sql.size()).isEqualTo(2);
		assertThat(Filters.shape(List.of(Q.of("id__not_in", java.util.Arrays.asList(1, null)))))
			.isNotEqualTo(Filters.shape(List.of(Q.of("id__not_in", List.of(1, 2)))));
	}

	@Test
	void listsOfOtherTypesAndMysqlListsBindOneValueAtATime() {
		Sql decimals = sql("postgres");
		assertThat(compile("postgres", Q.of("prize__in", List.of(1, 2)), decimals))
			.isEqualTo("\"_t0\".\"prize\" IN ($1, $2)");
		Sql mysql = sql("mysql");
		assertThat(compile("mysql", Q.of("id__in", List.of(3, 1, 2)), mysql)).isEqualTo("`_t0`.`id` IN (?, ?, ?)");
		assertThat(mysql.values()).containsExactly(3L, 1L, 2L);
		assertThat(mysql.isOneOff()).as("a short list's text is told by its shape").isFalse();
	}

	@Test
	void longListsBoundOneValueAtATimeAreWrittenForTheirQueryAlone() {
		List<Integer> many = java.util.stream.IntStream.range(0, Filters.MAX_SHAPE + 1).boxed().toList();
		Sql mysql = sql("mysql");
		compile("mysql", Q.of("id__in", many), mysql);
		assertThat(mysql.isOneOff()).isTrue();
		assertThat(mysql.size()).isEqualTo(many.size());
		Sql postgres = sql("postgres");
		compile("postgres", Q.of("id__in", many), postgres);
		assertThat(postgres.isOneOff()).isFalse();
		assertThat(postgres.size()).isEqualTo(1);
	}

	@Test
	void everyValueOfAnArrayIsCheckedLikeASingleValue() {
		assertThatThrownBy(() -> compile("postgres", Q.of("id__in", List.of(1, "x")), sql("postgres")))
			.isInstanceOf(ValidationException.class)
			.hasMessageContaining("Event.id");
	}

}

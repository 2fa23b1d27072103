package dev.tortoise.query;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import dev.tortoise.Tortoise;
import dev.tortoise.exceptions.FieldException;
import dev.tortoise.exceptions.ValidationException;
import dev.tortoise.models.Apps;
import dev.tortoise.models.ModelMeta;
import dev.tortoise.query.sql.Compiled;
import dev.tortoise.query.sql.Context;
import dev.tortoise.schema.Dialect;
import dev.tortoise.testmodels.query.Event;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SQL that filters compile to, per dialect: quoted names, bound values, joins. */
class FiltersTests {

	private static final Apps APPS = Tortoise.initModels(Map.of("models", List.of("dev.tortoise.testmodels.query")));

	private static final ModelMeta<Event> EVENT = APPS.meta(Event.class);

	private static Written compile(String engine, Q q) {
		return Written.where(engine, EVENT, q);
	}

	/** The values of the condition written for the filter, to bind another filter of its shape to. */
	private static List<dev.tortoise.query.sql.Value> valuesOf(Q filter) {
		Filters.Build build = new Filters.Build(new Joins(Dialect.forEngine("postgres"), EVENT, "_t0"), 0);
		return Context.render(Dialect.forEngine("postgres"), Filters.where(List.of(filter), build)).values();
	}

	@Test
	void valuesAreBoundNeverInlined() {
		Written where = compile("postgres", Q.of("name", "'); DROP TABLE event; --"));
		assertThat(where.text()).isEqualTo("\"_t0\".\"name\" = $1");
		assertThat(where.sql().values()).containsExactly("'); DROP TABLE event; --");
	}

	@Test
	void mysqlUsesQuestionMarksAndBackticks() {
		Written where = compile("mysql", Q.of("name__icontains", "cup").or(Q.of("prize__gt", 10)));
		assertThat(where.text()).isEqualTo("(UPPER(`_t0`.`name`) LIKE UPPER(?) OR `_t0`.`prize` > ?)");
		assertThat(where.sql().values()).hasSize(2);
		assertThat(where.sql().values().get(0)).isEqualTo("%cup%");
	}

	@Test
	void likePatternsEscapeWildcards() {
		assertThat(compile("h2", Q.of("name__startswith", "100%_\\")).sql().values()).containsExactly("100\\%\\_\\\\%");
	}

	@Test
	void nullsUseIsNullAndNotIncludesNulls() {
		assertThat(compile("postgres", Q.of("prize", null)).text()).isEqualTo("\"_t0\".\"prize\" IS NULL");
		assertThat(compile("postgres", Q.of("prize__not", 5)).text())
			.isEqualTo("(\"_t0\".\"prize\" <> $1 OR \"_t0\".\"prize\" IS NULL)");
		assertThat(compile("postgres", Q.of("name", "x").not()).text()).isEqualTo("NOT (\"_t0\".\"name\" = $1)");
	}

	@Test
	void relationsJoinWithQuotedNames() {
		Written where = compile("postgres", Q.of("tournament__name", "Cup"));
		assertThat(where.text()).isEqualTo("\"_t1\".\"name\" = $1");
		assertThat(Written.text("postgres", where.joins().from())).isEqualTo("\"event\" \"_t0\" LEFT JOIN \"tournament\" \"_t1\" ON \"_t1\".\"id\" = \"_t0\".\"tournament_id\"");
		Written semiJoin = compile("postgres", Q.of("participants__name", "Red"));
		assertThat(semiJoin.joins().isEmpty()).as("relations that hold many rows are not joined").isTrue();
		assertThat(semiJoin.text()).isEqualTo("\"_t0\".\"id\" IN (SELECT \"_s1m\".\"event_id\" FROM \"event_team\" \"_s1m\","
				+ " \"team\" \"_s1\" WHERE \"_s1\".\"id\" = \"_s1m\".\"team_id\" AND (\"_s1\".\"name\" = $1))");
	}

	@Test
	void aConditionRewrittenForToManyRelationsBindsEachLeafWhereItLandsAgain() {
		Q first = Q.of("participants__name", "Red").or(Q.of("name", "A")).and(Q.of("tournament__name", "Cup"));
		Q second = Q.of("participants__name", "Blue").or(Q.of("name", "B")).and(Q.of("tournament__name", "Open"));
		Written compiled = compile("postgres", first);
		assertThat(compiled.text()).as("two alternatives, the tournament's name in each").contains(" OR ");
		assertThat(compiled.sql().values()).containsExactly("Cup", "Red", "A", "Cup");
		Sql rebound = Written.bind("postgres", new Compiled(compiled.text(), valuesOf(first)), second);
		assertThat(rebound.values()).containsExactly("Open", "Blue", "B", "Open");
	}

	@Test
	void badKeysAndValuesAreNamed() {
		assertThatThrownBy(() -> compile("h2", Q.of("tournament__nope", 1))).isInstanceOf(FieldException.class)
			.hasMessageContaining("Unknown field \"nope\" in \"tournament__nope\" for model Tournament");
		assertThatThrownBy(() -> compile("h2", Q.of("prize__contains", "1"))).isInstanceOf(FieldException.class)
			.hasMessageContaining("needs a text field");
		assertThatThrownBy(() -> compile("h2", Q.of("prize__in", 5))).isInstanceOf(ValidationException.class)
			.hasMessageContaining("collection");
		assertThatThrownBy(() -> compile("h2", Q.of("prize__range", List.of(1))))
			.isInstanceOf(ValidationException.class).hasMessageContaining("two values");
		assertThatThrownBy(() -> compile("h2", Q.of("id", "seven"))).isInstanceOf(ValidationException.class)
			.hasMessageContaining("Event.id");
	}

	@Test
	void emptyInIsFalseAndEmptyNotInIsTrue() {
		assertThat(compile("h2", Q.of("id__in", List.of())).text()).isEqualTo("1=0");
		assertThat(compile("h2", Q.of("id__not_in", new long[0])).text()).isEqualTo("1=1");
	}

	@Test
	void filtersOfTheSameShapeBindTheirOwnValuesToTheSameText() {
		Q first = Q.of("name__icontains", "cup").or(Q.of("prize__in", List.of(1, 2)).not())
			.and(Q.of("prize__range", new int[] { 3, 9 })).and(Q.of("tournament__name__not", "Open"));
		Q second = Q.of("name__icontains", "50%").or(Q.of("prize__in", List.of(7, 8)).not())
			.and(Q.of("prize__range", new int[] { 4, 6 })).and(Q.of("tournament__name__not", "Masters"));
		assertThat(Filters.shape(List.of(first))).isEqualTo(Filters.shape(List.of(second)));
		Written compiled = compile("postgres", first);
		Written freshly = compile("postgres", second);
		assertThat(freshly.text()).isEqualTo(compiled.text());
		Sql fresh = freshly.sql();
		Sql rebound = Written.bind("postgres", new Compiled(compiled.text(), valuesOf(first)), second);
		assertThat(rebound.values()).isEqualTo(fresh.values()).isNotEqualTo(compiled.sql().values());
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
			Written sql = compile(engine, Q.of("id__in", List.of(3, 1, 2)).and(Q.of("name__not_in", List.of("a", "b"))));
			assertThat(sql.text()).isEqualTo("(\"_t0\".\"id\" = ANY($1) AND (NOT (\"_t0\".\"name\" = ANY($2)) OR"
					+ " \"_t0\".\"name\" IS NULL))");
			assertThat(sql.sql().size()).isEqualTo(2);
			assertThat(sql.sql().value(0)).isEqualTo(new Long[] { 3L, 1L, 2L });
			assertThat(sql.sql().type(0)).isEqualTo(Long[].class);
			assertThat(sql.sql().value(1)).isEqualTo(new String[] { "a", "b" });
			assertThat(sql.oneOff()).isFalse();
		}
	}

	@Test
	void nullsInAnArrayListAreLeftOutButKeepNotInFromMatchingValues() {
		Written withNull = compile("h2", Q.of("id__in", java.util.Arrays.asList(1, null)));
		assertThat(withNull.text()).isEqualTo("\"_t0\".\"id\" = ANY($1)");
		assertThat(withNull.sql().value(0)).isEqualTo(new Long[] { 1L });
		assertThat(compile("h2", Q.of("id__not_in", java.util.Arrays.asList(1, null))).text())
			.isEqualTo("\"_t0\".\"id\" IS NULL");
		Written onlyNull = compile("h2", Q.of("id__in", new Long[] { null }));
		assertThat(onlyNull.text()).isEqualTo("\"_t0\".\"id\" = ANY($1)");
		assertThat(onlyNull.sql().value(0)).isEqualTo(new Long[0]);
		assertThat(onlyNull.sql().size()).isEqualTo(1);
		assertThat(Filters.shape(List.of(Q.of("id__not_in", java.util.Arrays.asList(1, null)))))
			.isNotEqualTo(Filters.shape(List.of(Q.of("id__not_in", List.of(1, 2)))));
	}

	@Test
	void listsOfOtherTypesAndMysqlListsBindOneValueAtATime() {
		assertThat(compile("postgres", Q.of("prize__in", List.of(1, 2))).text())
			.isEqualTo("\"_t0\".\"prize\" IN ($1, $2)");
		Written mysql = compile("mysql", Q.of("id__in", List.of(3, 1, 2)));
		assertThat(mysql.text()).isEqualTo("`_t0`.`id` IN (?, ?, ?)");
		assertThat(mysql.sql().values()).containsExactly(3L, 1L, 2L);
		assertThat(mysql.oneOff()).as("a short list's text is told by its shape").isFalse();
	}

	@Test
	void longListsBoundOneValueAtATimeAreWrittenForTheirQueryAlone() {
		List<Integer> many = java.util.stream.IntStream.range(0, Filters.MAX_SHAPE + 1).boxed().toList();
		Written mysql = compile("mysql", Q.of("id__in", many));
		assertThat(mysql.oneOff()).isTrue();
		assertThat(mysql.sql().size()).isEqualTo(many.size());
		Written postgres = compile("postgres", Q.of("id__in", many));
		assertThat(postgres.oneOff()).isFalse();
		assertThat(postgres.sql().size()).isEqualTo(1);
	}

	@Test
	void everyValueOfAnArrayIsCheckedLikeASingleValue() {
		assertThatThrownBy(() -> compile("postgres", Q.of("id__in", List.of(1, "x"))))
			.isInstanceOf(ValidationException.class)
			.hasMessageContaining("Event.id");
	}

}

package dev.tortoise.query;

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
		assertThat(joins.hasToMany()).isFalse();
		Joins m2m = new Joins(sql.dialect(), EVENT, "_t0");
		Filters.compile(List.of(Q.of("participants__name", "Red")), m2m, sql);
		assertThat(m2m.hasToMany()).isTrue();
		assertThat(m2m.from()).contains("LEFT JOIN \"event_team\"").contains("LEFT JOIN \"team\"");
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

}

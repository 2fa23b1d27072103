package dev.tortoise.models;

import java.util.List;
import java.util.Map;

import dev.tortoise.Tortoise;
import dev.tortoise.testmodels.query.Event;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelMetaTests {

	private static final Apps APPS = Tortoise.initModels(Map.of("models", List.of("dev.tortoise.testmodels.query")));

	@Test
	void modelsAreFrozenOnceTheAppsAreBuilt() {
		ModelMeta<Event> event = APPS.meta(Event.class);
		assertThat(event.isFrozen()).isTrue();
		FieldMeta name = event.field("name");
		assertThatIllegalStateException().isThrownBy(() -> name.setMaxLength(1))
			.withMessageContaining("Model models.Event is frozen");
		assertThatIllegalStateException().isThrownBy(() -> event.setPk(name));
		assertThatIllegalStateException().isThrownBy(() -> event.add(name));
		assertThatThrownBy(() -> event.fields().add(name)).isInstanceOf(UnsupportedOperationException.class);
		assertThatThrownBy(() -> event.uniqueTogether().add(List.of())).isInstanceOf(UnsupportedOperationException.class);
		assertThat(name.maxLength()).isNotEqualTo(1);
		assertThat(event.pk().name()).isEqualTo("id");
	}

	@Test
	void onlyTheConnectionIsBoundAfterwards() {
		Apps apps = Tortoise.initModels(Map.of("models", List.of("dev.tortoise.testmodels.query")));
		apps.bindConnections(Map.of("models", "replica"));
		assertThat(apps.meta(Event.class).connection()).isEqualTo("replica");
	}

	private static Map<String, Object> map(Object... pairs) {
		Map<String, Object> m = new java.util.LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			m.put((String) pairs[i], pairs[i + 1]);
		}
		return m;
	}

	/** Tortoise's tests/test_early_init.py expectation for Event.describe(), key for key. */
	@Test
	@SuppressWarnings("unchecked")
	void describeIsTortoisesKeyForKey() {
		Apps apps = Tortoise.initModels(Map.of("models", List.of("dev.tortoise.testmodels.described")));
		Map<String, Object> d = apps.meta(dev.tortoise.testmodels.described.Event.class).describe();
		assertThat(d.keySet()).containsExactly("name", "app", "table", "abstract", "description", "docstring",
				"unique_together", "indexes", "pk_field", "data_fields", "fk_fields", "backward_fk_fields", "o2o_fields",
				"backward_o2o_fields", "m2m_fields");
		assertThat(d).containsEntry("name", "models.Event").containsEntry("table", "event")
			.containsEntry("description", "The Event model docstring.");
		assertThat(d.get("pk_field")).isEqualTo(map("name", "id", "field_type", "IntField", "db_column", "id",
				"python_type", "int", "generated", true, "nullable", false, "unique", true, "indexed", true, "default",
				null, "description", null, "docstring", null, "constraints", map("ge", 1L, "le", 2147483647L),
				"db_field_types", map("", "INT")));
		List<Map<String, Object>> data = (List<Map<String, Object>>) d.get("data_fields");
		assertThat(data).containsExactly(
				map("name", "name", "field_type", "CharField", "db_column", "name", "python_type", "str", "generated", false,
						"nullable", false, "unique", false, "indexed", false, "default", null, "description",
						"The Event NAME", "docstring", null, "constraints", map("max_length", 255), "db_field_types",
						map("", "VARCHAR(255)", "oracle", "NVARCHAR2(255)")),
				map("name", "createdAt", "field_type", "DatetimeField", "db_column", "created_at", "python_type",
						"datetime.datetime", "generated", false, "nullable", false, "unique", false, "indexed", false,
						"default", null, "description", null, "docstring", null, "constraints", map("readOnly", true),
						"db_field_types", map("", "TIMESTAMP", "mssql", "DATETIME2", "mysql", "DATETIME(6)", "postgres",
								"TIMESTAMPTZ", "oracle", "TIMESTAMP WITH TIME ZONE"),
						"auto_now_add", true, "auto_now", false),
				map("name", "tournament_id", "field_type", "IntField", "db_column", "tournament_id", "python_type", "int",
						"generated", false, "nullable", true, "unique", false, "indexed", false, "default", null,
						"description", null, "docstring", null, "constraints", map("ge", 1L, "le", 2147483647L),
						"db_field_types", map("", "INT")));
		assertThat((List<Object>) d.get("fk_fields")).containsExactly(map("name", "tournament", "field_type",
				"ForeignKeyFieldInstance", "raw_field", "tournament_id", "python_type", "models.Tournament", "generated",
				false, "nullable", true, "unique", false, "indexed", false, "default", null, "description", null,
				"docstring", null, "constraints", Map.of(), "on_delete", "CASCADE", "db_constraint", true));
		List<Map<String, Object>> m2m = (List<Map<String, Object>>) d.get("m2m_fields");
		assertThat(m2m).extracting((f) -> f.get("name") + ":" + f.get("_generated") + ":" + f.get("field_type"))
			.as("both sides of a many-to-many, the other one generated").containsExactly(
					"follows:false:ManyToManyFieldInstance", "followers:true:ManyToManyFieldInstance");
		assertThat(m2m.get(0)).containsEntry("model_name", "models.Event").containsEntry("related_name", "followers")
			.containsEntry("through", "event_event").containsEntry("forward_key", "event_id")
			.containsEntry("backward_key", "event_rel_id").doesNotContainKey("db_column");
		Map<String, Object> tournament = apps.meta(dev.tortoise.testmodels.described.Tournament.class).describe();
		assertThat((List<Object>) tournament.get("backward_fk_fields")).containsExactly(map("name", "events",
				"field_type", "BackwardFKRelation", "python_type", "models.Event", "generated", false, "nullable", true,
				"unique", false, "indexed", false, "default", null, "description", null, "docstring", null,
				"constraints", Map.of(), "db_constraint", true));
	}

}

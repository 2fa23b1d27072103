package dev.tortoise.models;

import java.util.List;
import java.util.Map;

import dev.tortoise.Tortoise;
import dev.tortoise.TortoiseContext;
import dev.tortoise.config.TortoiseConfig;
import dev.tortoise.exceptions.ConfigurationException;
import dev.tortoise.testmodels.jsondefault.Settings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How model classes are read: here, JSON defaults of structured fields. */
class ModelReaderTests {

	@Test
	void aJsonDefaultGivesEachNewRowItsOwnValue() {
		TortoiseContext ctx = Tortoise.init(TortoiseConfig.builder().connection("default", "sqlite://:memory:")
			.app("models", List.of("dev.tortoise.testmodels.jsondefault")).build()).block();
		try {
			ctx.generateSchemas(false).block();
			Settings first = ctx.create(new Settings()).block();
			assertThat(first.options).isEqualTo(Map.of("a", 1, "c", List.of(2), "f", true));
			assertThat(first.numbers).containsExactly(1, 2);
			first.options.put("changed", 1);
			Settings second = ctx.create(new Settings()).block();
			assertThat(second.options).as("not the first row's map").doesNotContainKey("changed");
			assertThat(ctx.objects(Settings.class).filter("id", second.id).get().block().options)
				.isEqualTo(Map.of("a", 1, "c", List.of(2), "f", true));
			// describe() gives the default as Tortoise's does: the value itself.
			assertThat(ctx.meta(Settings.class).field("numbers").describe().get("default")).isEqualTo(List.of(1, 2));
		}
		finally {
			ctx.close();
		}
	}

	@Test
	void aJsonDefaultThatIsNotTheFieldsTypeStopsInit() {
		assertThatThrownBy(() -> Tortoise.initModels(Map.of("models", List.of(BadDefault.class.getName()))))
			.isInstanceOf(ConfigurationException.class).hasMessageContaining("BadDefault.numbers")
			.hasMessageContaining("not JSON that reads as a List");
	}

	/** A list field whose default is an object. */
	@Model
	public static class BadDefault {

		public Integer id;

		@dev.tortoise.fields.JSONField(defaultValue = "{\"a\": 1}")
		public List<Integer> numbers;

	}

}

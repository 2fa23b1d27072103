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

}

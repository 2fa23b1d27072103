package dev.tortoise.spring.boot.json;

import java.util.List;

import dev.tortoise.TortoiseContext;
import dev.tortoise.spring.boot.TortoiseAutoConfiguration;
import dev.tortoise.testmodels.query.Event;
import dev.tortoise.testmodels.query.Tournament;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

class TortoiseJacksonAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TortoiseAutoConfiguration.class, TransactionAutoConfiguration.class,
				TortoiseJacksonAutoConfiguration.class, JacksonAutoConfiguration.class))
		.withPropertyValues("tortoise.connections.default=h2://:memory:",
				"tortoise.apps.models.models=dev.tortoise.testmodels.query", "tortoise.generate-schemas=safe");

	@Test
	void springBootsJsonMapperWritesModelsByTheirFields() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(TortoiseJacksonModule.class);
			TortoiseContext tortoise = context.getBean(TortoiseContext.class);
			Tournament tournament = tortoise.create(new Tournament("Boot cup")).block();
			Event event = tortoise.create(new Event("final", tournament)).block();
			Event read = tortoise.objects(Event.class).filter("id", event.id).get().block();
			JsonNode json = context.getBean(JsonMapper.class).valueToTree(read);
			assertThat(json.get("tournament_id").asInt()).isEqualTo(tournament.id);
			assertThat(json.get("name").asString()).isEqualTo("final");
			assertThat(json.has("participants")).isFalse();
		});
	}

	@Test
	void offByProperty() {
		this.runner.withPropertyValues("tortoise.json.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(TortoiseJacksonModule.class));
	}

	@Test
	void backsOffForTheApplicationsOwn() {
		TortoiseJacksonModule own = new TortoiseJacksonModule(() -> {
			throw new IllegalStateException("not used");
		});
		this.runner.withBean(TortoiseJacksonModule.class, () -> own)
			.run((context) -> assertThat(context.getBean(TortoiseJacksonModule.class)).isSameAs(own));
	}

	@Test
	void notWithoutATortoiseContext() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(TortoiseJacksonAutoConfiguration.class, JacksonAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(TortoiseJacksonModule.class));
	}

	@Test
	void aModelListIsAnArrayOfModels() {
		this.runner.run((context) -> {
			TortoiseContext tortoise = context.getBean(TortoiseContext.class);
			tortoise.create(new Tournament("One")).block();
			tortoise.create(new Tournament("Two")).block();
			List<Tournament> all = tortoise.objects(Tournament.class).orderBy("name").all().collectList().block();
			JsonNode json = context.getBean(JsonMapper.class).valueToTree(all);
			assertThat(json.findValuesAsString("name")).containsExactly("One", "Two");
		});
	}

}

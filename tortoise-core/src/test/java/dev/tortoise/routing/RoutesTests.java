package dev.tortoise.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.tortoise.Tortoise;
import dev.tortoise.exceptions.ConfigurationException;
import dev.tortoise.models.Apps;
import dev.tortoise.models.ModelMeta;
import dev.tortoise.testmodels.query.Event;
import dev.tortoise.testmodels.query.Team;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoutesTests {

	private static final Apps APPS = apps();

	private static Apps apps() {
		Apps apps = Tortoise.initModels(Map.of("models", List.of("dev.tortoise.testmodels.query")));
		apps.bindConnections(Map.of("models", "default"));
		return apps;
	}

	private static final Router REPLICA = new Router() {

		@Override
		public String dbForRead(Class<?> model) {
			return (model == Event.class) ? "replica" : null;
		}

	};

	private final List<String> checked = new ArrayList<>();

	private Routes routes(Router... routers) {
		return new Routes(List.of(routers), (name) -> {
			this.checked.add(name);
			if (name.equals("nowhere")) {
				throw new ConfigurationException("No connection \"nowhere\".");
			}
		});
	}

	@Test
	void usingBeatsTheTransactionWhichBeatsRoutersWhichBeatTheDefault() {
		ModelMeta<Event> event = APPS.meta(Event.class);
		ModelMeta<Team> team = APPS.meta(Team.class);
		Routes routes = routes(REPLICA);
		assertThat(routes.route(event, "other", false, "default")).isEqualTo("other");
		assertThat(routes.route(event, null, false, "default")).isEqualTo("default");
		assertThat(routes.route(event, null, false, null)).isEqualTo("replica");
		assertThat(routes.route(event, null, true, null)).isEqualTo("default");
		assertThat(routes.route(team, null, false, null)).isEqualTo("default");
		assertThat(this.checked).containsExactly("replica");
	}

	@Test
	void aRouterNamingAnUnknownConnectionFails() {
		Router lost = new Router() {

			@Override
			public String dbForWrite(Class<?> model) {
				return "nowhere";
			}

		};
		assertThatThrownBy(() -> routes(lost).route(APPS.meta(Event.class), null, true, null))
			.isInstanceOf(ConfigurationException.class).hasMessageContaining("nowhere");
	}

}

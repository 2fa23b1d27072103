package dev.tortoise.spring.boot;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * A migration command ({@code tortoise.migrations.make} or {@code baseline}) starts the
 * application without a web server, so that it ends when the command is done and never
 * serves requests against a schema being changed.
 */
final class MigrationCommandEnvironment implements EnvironmentPostProcessor {

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		boolean command = Binder.get(environment).bind("tortoise.migrations", TortoiseProperties.Migrations.class)
			.map(TortoiseProperties.Migrations::isCommand).orElse(false);
		if (command) {
			environment.getPropertySources().addFirst(new MapPropertySource("tortoiseMigrationCommand",
					Map.of("spring.main.web-application-type", "none")));
		}
	}

}

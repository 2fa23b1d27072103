package dev.tortoise.spring.boot;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
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
		String make = environment.getProperty("tortoise.migrations.make");
		boolean baseline = environment.getProperty("tortoise.migrations.baseline", Boolean.class, false);
		if ((make != null && !make.isBlank()) || baseline) {
			environment.getPropertySources().addFirst(new MapPropertySource("tortoiseMigrationCommand",
					Map.of("spring.main.web-application-type", "none")));
		}
	}

}

package dev.tortoise.spring.boot;

import dev.tortoise.TortoiseContext;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * The migration commands, run once every bean of the application context is made and before
 * it is ready:
 * {@code --tortoise.migrations.make=<description>} and {@code --tortoise.migrations.baseline=true}.
 * With either, the application starts without a web server ({@link MigrationCommandEnvironment})
 * and ends when the command is done; a command that fails fails the start-up with its reason.
 */
public final class TortoiseMigrationCommand implements SmartInitializingSingleton {

	private final TortoiseProperties.Migrations settings;

	private final TortoiseMigrations migrations;

	private final ObjectProvider<TortoiseContext> context;

	TortoiseMigrationCommand(TortoiseProperties.Migrations settings, TortoiseMigrations migrations,
			ObjectProvider<TortoiseContext> context) {
		this.settings = settings;
		this.migrations = migrations;
		this.context = context;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (this.settings.isBaseline()) {
			this.migrations.baseline(this.context.getObject());
		}
		String make = this.settings.getMake();
		if (make != null && !make.isBlank()) {
			this.migrations.make(this.context.getObject(), make);
		}
	}

}

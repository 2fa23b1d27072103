package dev.tortoise.spring.boot;

import java.util.Locale;

import dev.tortoise.Tortoise;
import dev.tortoise.TortoiseContext;
import dev.tortoise.config.TortoiseConfig;
import dev.tortoise.routing.Router;
import dev.tortoise.spring.boot.TortoiseProperties.GenerateSchemas;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;

/**
 * Auto-configuration of Tortoise: a {@link TortoiseConfig} from {@code tortoise.*}
 * properties, the {@link TortoiseContext} built from it (schema generated before the
 * application is ready, every pool closed with the application context), and one
 * {@code R2dbcTransactionManager} per connection.
 */
// Before TransactionAutoConfiguration: its TransactionalOperator needs our primary transaction manager.
@AutoConfiguration(beforeName = "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration")
@ConditionalOnClass(TortoiseContext.class)
@EnableConfigurationProperties(TortoiseProperties.class)
public final class TortoiseAutoConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(TortoiseAutoConfiguration.class);

	/**
	 * The configuration from {@code tortoise.*}: routers named in {@code tortoise.routers}
	 * first, then {@link Router} beans, then every {@link TortoiseConfigCustomizer}.
	 */
	@Bean
	@ConditionalOnMissingBean
	TortoiseConfig tortoiseConfig(TortoiseProperties properties, ObjectProvider<Router> routers,
			ObjectProvider<TortoiseConfigCustomizer> customizers, AutowireCapableBeanFactory beanFactory,
			ResourceLoader resourceLoader, Environment environment) {
		UnknownProperties.check(environment);
		TortoiseConfig.Builder builder = PropertiesConfig.builder(properties);
		for (Class<? extends Router> type : properties.getRouters()) {
			builder.router(beanFactory.createBean(type));
		}
		routers.orderedStream().forEach(builder::router);
		// Models are application classes: in an executable jar only the application's loader sees them.
		builder.classLoader(resourceLoader.getClassLoader());
		builder.boundConnections(new SpringBoundConnections());
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		EnvironmentConnections.mistakes(environment, properties.getConnections().keySet()).forEach(logger::warn);
		return builder.build();
	}

	/**
	 * The context: models discovered and linked, one pool per connection, and the schema
	 * generated as {@code tortoise.generate-schemas} says. A failure closes what was opened.
	 */
	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	TortoiseContext tortoiseContext(TortoiseConfig config, TortoiseProperties properties,
			ObjectProvider<TortoiseMigrations> migrations) {
		TortoiseProperties.Migrations migrating = properties.getMigrations();
		GenerateSchemas generate = properties.getGenerateSchemas();
		if (migrating.isEnabled() && !migrating.isCommand() && generate != GenerateSchemas.NONE) {
			throw new dev.tortoise.exceptions.ConfigurationException("tortoise.migrations.enabled=true and"
					+ " tortoise.generate-schemas=" + generate.name().toLowerCase(Locale.ROOT) + " would both change the"
					+ " schema, and a table generated first would make its migration fail. The migrations own the schema:"
					+ " set tortoise.generate-schemas to none.");
		}
		TortoiseMigrations migrator = (migrating.isEnabled() || migrating.isCommand()) ? migrations.getIfAvailable()
				: null;
		if ((migrating.isEnabled() || migrating.isCommand()) && migrator == null) {
			throw new dev.tortoise.exceptions.ConfigurationException("Tortoise's migrations run on Flyway, which is not"
					+ " on the class path. Add org.flywaydb:flyway-core (and flyway-database-postgresql or flyway-mysql"
					+ " for those databases) and each database's JDBC driver: org.postgresql:postgresql,"
					+ " org.mariadb.jdbc:mariadb-java-client, com.h2database:h2 or org.xerial:sqlite-jdbc.");
		}
		TortoiseConfig withTransactions = (config.boundConnections() != null) ? config
				: config.toBuilder().boundConnections(new SpringBoundConnections()).build();
		TortoiseContext context = Tortoise.init(withTransactions).block();
		try {
			if (migrating.isCommand()) {
				// The commands compare the models with the database as its migrations left it.
				logger.info("Tortoise migration command: schema generation skipped");
			}
			else if (migrator != null) {
				migrator.migrate(context);
			}
			else if (generate != GenerateSchemas.NONE) {
				context.generateSchemas(generate == GenerateSchemas.SAFE).block();
			}
		}
		catch (RuntimeException ex) {
			context.close();
			throw ex;
		}
		logger.info("Tortoise started: apps {} on connections {}, schema generation {}", context.apps().labels(),
				context.connections().names(), properties.getGenerateSchemas().name().toLowerCase(Locale.ROOT));
		return context;
	}

	/** Registers every {@link dev.tortoise.signals.SignalHandler} bean on the context (see {@link TortoiseSignalRegistrar}). */
	@Bean
	@ConditionalOnMissingBean
	static TortoiseSignalRegistrar tortoiseSignalRegistrar(ObjectProvider<TortoiseContext> context,
			ObjectProvider<dev.tortoise.signals.SignalHandler<?>> handlers) {
		return new TortoiseSignalRegistrar(context, handlers);
	}

	/** Flyway-applied migrations, and the make and baseline commands, where Flyway is on the class path. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.flywaydb.core.Flyway")
	static final class MigrationsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		TortoiseMigrations tortoiseMigrations(TortoiseProperties properties, ResourceLoader resourceLoader) {
			return new TortoiseMigrations(properties.getMigrations(), resourceLoader);
		}

		/** Runs {@code tortoise.migrations.make} or {@code baseline} once the context is up. */
		@Bean
		@ConditionalOnMissingBean
		TortoiseMigrationCommand tortoiseMigrationCommand(TortoiseProperties properties, TortoiseMigrations migrations,
				ObjectProvider<TortoiseContext> context) {
			return new TortoiseMigrationCommand(properties.getMigrations(), migrations, context);
		}

	}

	/**
	 * One {@link R2dbcTransactionManager} per connection configured by the properties, named
	 * {@code tortoiseTransactionManager.<connection>}; the {@code default} connection's (else
	 * the first one's) is primary and also named {@code tortoiseTransactionManager}.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(R2dbcTransactionManager.class)
	@Import(TransactionManagersRegistrar.class)
	static final class TransactionManagersConfiguration {

	}

}

package dev.tortoise.spring.boot;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import dev.tortoise.Tortoise;
import dev.tortoise.TortoiseContext;
import dev.tortoise.config.PoolSettings;
import dev.tortoise.config.TortoiseConfig;
import dev.tortoise.exceptions.ConfigurationException;
import dev.tortoise.exceptions.OperationalException;
import dev.tortoise.routing.Router;
import dev.tortoise.testmodels.query.Team;
import dev.tortoise.testmodels.query.Tournament;
import dev.tortoise.testing.Sql;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import static org.assertj.core.api.Assertions.assertThat;

@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
class TortoiseAutoConfigurationTests {

	private static final String MODELS = "dev.tortoise.testmodels.query";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TortoiseAutoConfiguration.class, TransactionAutoConfiguration.class));

	private ApplicationContextRunner oneDatabase() {
		return this.runner.withPropertyValues("tortoise.connections.default=h2://:memory:",
				"tortoise.apps.models.models=" + MODELS);
	}

	@Test
	void signalHandlerBeansAreRegisteredAndMayUseTheContext() {
		oneDatabase().withPropertyValues("tortoise.generate-schemas=create").withUserConfiguration(AuditSignals.class)
			.run((context) -> {
				TortoiseContext tortoise = context.getBean(TortoiseContext.class);
				tortoise.create(new Tournament("Cup")).block();
				assertThat(tortoise.objects(dev.tortoise.testmodels.query.Wallet.class).filter("owner", "saved Cup").exists()
					.block()).as("the handler bean wrote through the context").isTrue();
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class AuditSignals {

		@org.springframework.context.annotation.Bean
		dev.tortoise.signals.SignalHandler<Tournament> auditTournaments(
				org.springframework.beans.factory.ObjectProvider<TortoiseContext> tortoise) {
			return new dev.tortoise.signals.SignalHandler<>(dev.tortoise.signals.ModelSignal.POST_SAVE, Tournament.class, (e) -> {
				dev.tortoise.testmodels.query.Wallet audit = new dev.tortoise.testmodels.query.Wallet();
				audit.owner = "saved " + e.instance().name;
				return tortoise.getObject().create(audit).then();
			});
		}

	}

	@Test
	void connectionAsUrlStringAndAppGiveOneContextWithTheAppsModels() {
		oneDatabase().run((context) -> {
			assertThat(context).hasSingleBean(TortoiseContext.class).hasSingleBean(TortoiseConfig.class);
			TortoiseContext tortoise = context.getBean(TortoiseContext.class);
			assertThat(tortoise.connections().names()).containsExactly("default");
			assertThat(tortoise.connections().config("default").engine()).isEqualTo("h2");
			assertThat(tortoise.meta(Tournament.class).app()).isEqualTo("models");
			assertThat(tortoise.meta(Tournament.class).connection()).isEqualTo("default");
		});
	}

	@Test
	void connectionAsObjectBindsUrlAndEveryPoolSetting() {
		this.runner.withPropertyValues("tortoise.connections.main.url=h2://:memory:?maxsize=3",
				"tortoise.connections.main.pool.initial-size=2", "tortoise.connections.main.pool.max-size=7",
				"tortoise.connections.main.pool.max-idle-time=1m", "tortoise.connections.main.pool.max-life-time=2h",
				"tortoise.connections.main.pool.max-acquire-time=5s",
				"tortoise.connections.main.pool.max-create-connection-time=3s",
				"tortoise.connections.main.pool.validation-query=SELECT 1",
				"tortoise.apps.models.models=" + MODELS, "tortoise.apps.models.default-connection=main")
			.run((context) -> {
				PoolSettings pool = context.getBean(TortoiseContext.class).connections().config("main").pool();
				assertThat(pool.initialSize()).isEqualTo(2);
				assertThat(pool.maxSize()).isEqualTo(7);
				assertThat(pool.maxIdleTime()).isEqualTo(Duration.ofMinutes(1));
				assertThat(pool.maxLifeTime()).isEqualTo(Duration.ofHours(2));
				assertThat(pool.maxAcquireTime()).isEqualTo(Duration.ofSeconds(5));
				assertThat(pool.maxCreateConnectionTime()).isEqualTo(Duration.ofSeconds(3));
				assertThat(pool.validationQuery()).isEqualTo("SELECT 1");
				assertThat(context.getBean(TortoiseContext.class).connections().pool("main").getMetrics().get()
					.getMaxAllocatedSize()).isEqualTo(7);
			});
	}

	@Test
	void poolSizeFromTheUrlStaysWhenNoPoolPropertyIsSet() {
		this.runner.withPropertyValues("tortoise.connections.default=h2://:memory:?minsize=2&maxsize=3",
				"tortoise.apps.models.models=" + MODELS)
			.run((context) -> {
				PoolSettings pool = context.getBean(TortoiseContext.class).connections().config("default").pool();
				assertThat(pool.initialSize()).isEqualTo(2);
				assertThat(pool.maxSize()).isEqualTo(3);
			});
	}

	@Test
	void connectionAsEngineAndCredentials() {
		this.runner.withPropertyValues("tortoise.connections.default.engine=tortoise.backends.asyncpg",
				"tortoise.connections.default.credentials.host=db.example.com",
				"tortoise.connections.default.credentials.port=6543",
				"tortoise.connections.default.credentials.user=app",
				"tortoise.connections.default.credentials.password=s3cret",
				"tortoise.connections.default.credentials.database=shop", "tortoise.apps.models.models=" + MODELS)
			.run((context) -> {
				TortoiseContext tortoise = context.getBean(TortoiseContext.class);
				assertThat(tortoise.connections().config("default").engine()).isEqualTo("postgres");
				assertThat(tortoise.connections().config("default").credential("host")).isEqualTo("db.example.com");
				assertThat(tortoise.connections().config("default").credential("port")).isEqualTo("6543");
				assertThat(tortoise.describeConnections().toString()).doesNotContain("s3cret");
				assertThat(context.getBean(TortoiseProperties.class).getConnections().toString()).doesNotContain("s3cret");
			});
	}

	@Test
	void environmentVariablesBindWithRelaxedNames() {
		this.runner.withInitializer((context) -> context.getEnvironment().getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					Map.of("TORTOISE_CONNECTIONS_DEFAULT", "h2://:memory:", "TORTOISE_APPS_MODELS_MODELS", MODELS,
							"TORTOISE_USE_TZ", "true", "TORTOISE_GENERATE_SCHEMAS", "safe"))))
			.run((context) -> {
				TortoiseContext tortoise = context.getBean(TortoiseContext.class);
				assertThat(tortoise.config().useTz()).isTrue();
				assertThat(tables(tortoise)).contains("tournament");
			});
	}

	@Test
	void dbUrlAndModulesAreTortoisesShorthand() {
		this.runner.withPropertyValues("tortoise.db-url=h2://:memory:", "tortoise.modules.models=" + MODELS)
			.run((context) -> {
				TortoiseContext tortoise = context.getBean(TortoiseContext.class);
				assertThat(tortoise.connections().names()).containsExactly("default");
				assertThat(tortoise.config().apps()).containsOnlyKeys("models");
			});
	}

	@Test
	void configFileFromTheClassPath() {
		this.runner.withPropertyValues("tortoise.config-file=classpath:tortoise-test.yml").run((context) -> {
			TortoiseConfig config = context.getBean(TortoiseContext.class).config();
			assertThat(config.connections()).containsOnlyKeys("default");
			assertThat(config.apps().get("models").models()).containsExactly(MODELS);
			assertThat(config.useTz()).isTrue();
			assertThat(config.timezone()).isEqualTo("Europe/Paris");
		});
	}

	@Test
	void useTzAndTimezone() {
		oneDatabase().withPropertyValues("tortoise.use-tz=true", "tortoise.timezone=America/New_York").run((context) -> {
			TortoiseConfig config = context.getBean(TortoiseConfig.class);
			assertThat(config.useTz()).isTrue();
			assertThat(config.timezone()).isEqualTo("America/New_York");
		});
	}

	@Test
	void generateSchemasNoneCreatesNoTable() {
		oneDatabase().run((context) -> assertThat(tables(context.getBean(TortoiseContext.class))).isEmpty());
	}

	@Test
	void generateSchemasSafeCreatesTheTablesBeforeTheContextIsReady() {
		oneDatabase().withPropertyValues("tortoise.generate-schemas=safe").run((context) -> {
			TortoiseContext tortoise = context.getBean(TortoiseContext.class);
			assertThat(tables(tortoise)).contains("tournament", "event", "team", "event_team");
			tortoise.create(new Tournament("Ready")).block();
			assertThat(tortoise.objects(Tournament.class).count().block()).isEqualTo(1);
		});
	}

	@Test
	void generateSchemasSafeOnAnExistingSchemaKeepsItsRows(@TempDir Path dir) {
		ApplicationContextRunner runner = this.runner.withPropertyValues("tortoise.connections.default=h2://" + dir
				+ "/db", "tortoise.apps.models.models=" + MODELS, "tortoise.generate-schemas=safe");
		runner.run((context) -> context.getBean(TortoiseContext.class).create(new Team("kept")).block());
		runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(TortoiseContext.class).objects(Team.class).count().block()).isEqualTo(1);
		});
	}

	@Test
	void generateSchemasCreateOnAnExistingTableFailsTheStartAndClosesThePools(@TempDir Path dir) {
		ApplicationContextRunner runner = this.runner.withPropertyValues("tortoise.connections.default=h2://" + dir
				+ "/db", "tortoise.apps.models.models=" + MODELS);
		runner.withPropertyValues("tortoise.generate-schemas=safe").run((context) -> assertThat(context).hasNotFailed());
		FailingAfterTortoise.seen.set(null);
		runner.withPropertyValues("tortoise.generate-schemas=create").withUserConfiguration(FailingAfterTortoise.class)
			.run((context) -> {
				assertThat(cause(context.getStartupFailure(), OperationalException.class))
					.hasMessageContaining("connection \"default\"");
				// The context failed before any other bean could see it, and no lock on the file stays.
				assertThat(FailingAfterTortoise.seen.get()).isNull();
			});
		runner.withPropertyValues("tortoise.generate-schemas=safe").run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void routersFromThePropertyComeFirstThenRouterBeansInOrder() {
		oneDatabase().withPropertyValues("tortoise.routers=" + PropertyRouter.class.getName())
			.withUserConfiguration(RouterBeans.class)
			.run((context) -> {
				List<Router> routers = context.getBean(TortoiseConfig.class).routers();
				assertThat(routers).hasSize(3);
				assertThat(routers.get(0)).isInstanceOf(PropertyRouter.class);
				assertThat(((PropertyRouter) routers.get(0)).injected).isSameAs(context.getBean(Marker.class));
				assertThat(routers.get(1)).isSameAs(context.getBean("firstRouter"));
				assertThat(routers.get(2)).isSameAs(context.getBean("secondRouter"));
			});
	}

	@Test
	void customizersChangeTheConfigurationBeforeItIsBuilt() {
		oneDatabase().withBean(TortoiseConfigCustomizer.class,
				() -> (builder) -> builder.connection("extra", "h2://:memory:"))
			.run((context) -> assertThat(context.getBean(TortoiseContext.class).connections().names())
				.containsExactly("default", "extra"));
	}

	@Test
	void aUsersTortoiseContextReplacesOurs() {
		TortoiseConfig config = TortoiseConfig.builder().connection("mine", "h2://:memory:")
			.app("models", List.of(MODELS), "mine").build();
		AtomicReference<TortoiseContext> own = new AtomicReference<>();
		oneDatabase().withBean(TortoiseContext.class, () -> {
			own.set(Tortoise.init(config).block());
			return own.get();
		}).run((context) -> {
			assertThat(context).hasSingleBean(TortoiseContext.class);
			assertThat(context.getBean(TortoiseContext.class)).isSameAs(own.get());
			// Its connections are not the properties' ones: transaction managers are the user's to define.
			assertThat(context).doesNotHaveBean(ReactiveTransactionManager.class);
		});
		assertThat(own.get().isClosed()).as("user bean closed by its inferred close method").isTrue();
	}

	@Test
	void aUsersTortoiseConfigReplacesOursAndStillJoinsSpringTransactions() {
		TortoiseConfig config = TortoiseConfig.builder().connection("default", "h2://:memory:")
			.app("models", List.of(MODELS)).build();
		this.runner.withBean(TortoiseConfig.class, () -> config).run((context) -> {
			assertThat(context.getBean(TortoiseConfig.class)).isSameAs(config);
			assertThat(context.getBean(TortoiseContext.class).config().boundConnections()).isNotNull();
		});
	}

	@Test
	void closingTheApplicationContextClosesEveryPool() {
		AtomicReference<TortoiseContext> tortoise = new AtomicReference<>();
		oneDatabase().withPropertyValues("tortoise.connections.audit=h2://:memory:").run((context) -> {
			tortoise.set(context.getBean(TortoiseContext.class));
			tortoise.get().objects(Team.class).exists().onErrorReturn(false).block();
			assertThat(tortoise.get().isClosed()).isFalse();
		});
		assertThat(tortoise.get().isClosed()).isTrue();
		assertThat(tortoise.get().connections().pool("default").isDisposed()).isTrue();
		assertThat(tortoise.get().connections().pool("audit").isDisposed()).isTrue();
	}

	@Test
	void aStartThatFailsHalfWayClosesThePools() {
		FailingAfterTortoise.seen.set(null);
		oneDatabase().withUserConfiguration(FailingAfterTortoise.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(FailingAfterTortoise.seen.get()).isNotNull();
			assertThat(FailingAfterTortoise.seen.get().isClosed()).isTrue();
		});
	}

	@Test
	void closingTheApplicationSaysOnceWhichConnectionsWereClosed(CapturedOutput output) {
		this.runner.withPropertyValues("tortoise.connections.default=h2://:memory:",
				"tortoise.connections.audit=h2://:memory:", "tortoise.apps.models.models=" + MODELS)
			.run((context) -> context.getBean(TortoiseContext.class).close());
		assertThat(output.getOut().lines().filter((line) -> line.contains("Tortoise closed its connections")))
			.singleElement().asString().contains("INFO").contains("[default, audit]");
	}

	@Test
	void aConfigurationMistakeFailsTheStartNamingTheCulprit() {
		this.runner.withPropertyValues("tortoise.connections.default=h2://:memory:",
				"tortoise.apps.models.models=" + MODELS, "tortoise.apps.models.default-connection=missing")
			.run((context) -> assertThat(context).getFailure()
				.rootCause().isInstanceOf(ConfigurationException.class)
				.hasMessageContaining("tortoise.apps.models.default-connection is \"missing\""));
	}

	@Test
	void nothingConfiguredFailsTheStartSayingWhatToSet() {
		this.runner.run((context) -> assertThat(context).getFailure()
			.rootCause().isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("tortoise.connections"));
	}

	@Test
	void oneTransactionManagerPerConnectionTheDefaultOnePrimary() {
		oneDatabase().withPropertyValues("tortoise.connections.audit=h2://:memory:").run((context) -> {
			TortoiseContext tortoise = context.getBean(TortoiseContext.class);
			assertThat(context.getBeansOfType(ReactiveTransactionManager.class))
				.containsOnlyKeys("tortoiseTransactionManager.default", "tortoiseTransactionManager.audit");
			R2dbcTransactionManager primary = context.getBean(R2dbcTransactionManager.class);
			assertThat(primary.getConnectionFactory()).isSameAs(tortoise.connections().get("default"));
			assertThat(context.getBean("tortoiseTransactionManager")).isSameAs(primary);
			assertThat(((R2dbcTransactionManager) context.getBean("tortoiseTransactionManager.audit"))
				.getConnectionFactory()).isSameAs(tortoise.connections().get("audit"));
			assertThat(context).hasSingleBean(TransactionalOperator.class);
		});
	}

	@Test
	void withoutADefaultConnectionTheFirstOneIsPrimary() {
		this.runner.withPropertyValues("tortoise.connections.main=h2://:memory:", "tortoise.connections.other=h2://:memory:",
				"tortoise.apps.models.models=" + MODELS, "tortoise.apps.models.default-connection=main")
			.run((context) -> {
				BeanDefinition main = context.getBeanFactory().getBeanDefinition("tortoiseTransactionManager.main");
				BeanDefinition other = context.getBeanFactory().getBeanDefinition("tortoiseTransactionManager.other");
				assertThat(main.isPrimary()).isTrue();
				assertThat(other.isPrimary()).isFalse();
			});
	}

	@Test
	void aUsersTransactionManagerKeepsItsPlaceAndOursAreNotPrimary() {
		oneDatabase().withUserConfiguration(UserTransactionManager.class).run((context) -> {
			assertThat(context.getBean("tortoiseTransactionManager.default")).isInstanceOf(R2dbcTransactionManager.class);
			assertThat(context.getBeanFactory().getBeanDefinition("tortoiseTransactionManager.default").isPrimary())
				.isFalse();
			assertThat(context.getBean("userTransactionManager")).isNotNull();
		});
	}

	@Test
	void withoutTheCoreOnTheClassPathNothingIsConfigured() {
		oneDatabase().withClassLoader(new FilteredClassLoader(TortoiseContext.class))
			.run((context) -> assertThat(context).doesNotHaveBean(TortoiseConfig.class)
				.doesNotHaveBean(TortoiseContext.class));
	}

	@Test
	void withoutSpringR2dbcThereAreNoTransactionManagers() {
		oneDatabase().withClassLoader(new FilteredClassLoader(R2dbcTransactionManager.class)).run((context) -> {
			assertThat(context).hasSingleBean(TortoiseContext.class);
			assertThat(context).doesNotHaveBean(ReactiveTransactionManager.class);
		});
	}

	static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (type.isInstance(t)) {
				return type.cast(t);
			}
		}
		throw new AssertionError("No " + type.getSimpleName() + " in the causes of " + failure, failure);
	}

	static List<String> tables(TortoiseContext tortoise) {
		return Sql.column(tortoise.connections().get("default"),
				"SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
	}

	static final class Marker {

	}

	public static final class PropertyRouter implements Router {

		final Marker injected;

		public PropertyRouter(Marker injected) {
			this.injected = injected;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RouterBeans {

		@Bean
		Marker marker() {
			return new Marker();
		}

		@Bean
		@Order(2)
		Router secondRouter() {
			return new Router() {
			};
		}

		@Bean
		@Order(1)
		Router firstRouter() {
			return new Router() {
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class FailingAfterTortoise {

		static final AtomicReference<TortoiseContext> seen = new AtomicReference<>();

		@Bean
		Object failing(TortoiseContext tortoise) {
			seen.set(tortoise);
			throw new IllegalStateException("A later bean fails");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserTransactionManager {

		@Bean
		ReactiveTransactionManager userTransactionManager(TortoiseContext tortoise) {
			return new R2dbcTransactionManager(tortoise.connections().get("default"));
		}

	}

}

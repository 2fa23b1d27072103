package dev.tortoise.spring.boot;

import java.util.List;

import dev.tortoise.TortoiseContext;
import dev.tortoise.exceptions.ConfigurationException;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.transaction.ReactiveTransactionManager;

/**
 * Registers one {@link TortoiseTransactionManager} (an {@link R2dbcTransactionManager}) per connection of the {@code tortoise.*}
 * properties. Connection names are only known from the environment, so the beans are
 * registered here rather than declared; a bean already defined under the same name wins.
 */
final class TransactionManagersRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware, BeanFactoryAware {

	/** The primary transaction manager's name; the others are {@code tortoiseTransactionManager.<connection>}. */
	static final String PRIMARY = "tortoiseTransactionManager";

	private @Nullable Environment environment;

	private @Nullable BeanFactory beanFactory;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	/** The bean name of a connection's transaction manager. */
	static String beanName(String connection) {
		return PRIMARY + "." + connection;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		if (this.environment == null || this.beanFactory == null) {
			return;
		}
		TortoiseProperties properties = Binder.get(this.environment).bind("tortoise", TortoiseProperties.class).orElse(null);
		List<String> names = PropertiesConfig.connectionNames(properties);
		if (names.isEmpty() || hasUserContext(registry)) {
			return;
		}
		String primary = names.contains("default") ? "default" : names.get(0);
		boolean userManagers = registry instanceof ListableBeanFactory listable
				&& listable.getBeanNamesForType(ReactiveTransactionManager.class, true, false).length > 0;
		BeanFactory factory = this.beanFactory;
		for (String name : names) {
			String beanName = beanName(name);
			if (registry.containsBeanDefinition(beanName)) {
				continue;
			}
			RootBeanDefinition definition = new RootBeanDefinition(TortoiseTransactionManager.class,
					() -> transactionManager(factory.getBean(TortoiseContext.class), name));
			definition.setPrimary(name.equals(primary) && !userManagers);
			registry.registerBeanDefinition(beanName, definition);
			if (name.equals(primary) && !registry.isBeanNameInUse(PRIMARY)) {
				registry.registerAlias(beanName, PRIMARY);
			}
		}
	}

	/** Whether the application defines its own TortoiseContext, whose connections the properties may not describe. */
	private static boolean hasUserContext(BeanDefinitionRegistry registry) {
		if (!(registry instanceof ListableBeanFactory listable)) {
			return false;
		}
		for (String name : listable.getBeanNamesForType(TortoiseContext.class, true, false)) {
			if (!TortoiseAutoConfiguration.class.getName().equals(registry.getBeanDefinition(name).getFactoryBeanName())) {
				return true;
			}
		}
		return false;
	}

	private static TortoiseTransactionManager transactionManager(TortoiseContext context, String name) {
		if (!context.connections().names().contains(name)) {
			throw new ConfigurationException("Connection \"" + name + "\" is configured in tortoise.* properties but the"
					+ " TortoiseContext bean has no such connection. When you define TortoiseContext yourself, define"
					+ " its transaction managers too, or configure the same connections.");
		}
		return new TortoiseTransactionManager(name, context.connections().get(name));
	}

}

package dev.tortoise.spring.boot;

import dev.tortoise.TortoiseContext;
import dev.tortoise.signals.SignalHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Registers every {@link SignalHandler} bean on the context once all singletons exist, so
 * that a handler may itself use the context (an audit write) without a dependency cycle.
 */
public final class TortoiseSignalRegistrar implements SmartInitializingSingleton {

	private final ObjectProvider<TortoiseContext> context;

	private final ObjectProvider<SignalHandler<?>> handlers;

	TortoiseSignalRegistrar(ObjectProvider<TortoiseContext> context, ObjectProvider<SignalHandler<?>> handlers) {
		this.context = context;
		this.handlers = handlers;
	}

	@Override
	public void afterSingletonsInstantiated() {
		TortoiseContext ctx = this.context.getIfAvailable();
		if (ctx != null) {
			this.handlers.orderedStream().forEach((handler) -> ctx.signals().register(handler));
		}
	}

}

package dev.tortoise.signals;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** A context's signal listeners: registered at any time, called in the order registered. */
public final class Signals {

	private final List<SignalHandler<?>> handlers = new CopyOnWriteArrayList<>();

	/** Calls {@code listener} on {@code signal} for instances of {@code model} (and its subclasses); dispose to stop. */
	public <T> Disposable on(ModelSignal signal, Class<T> model, SignalListener<? super T> listener) {
		return register(new SignalHandler<>(signal, model, listener));
	}

	/** Registers a handler; dispose the result to stop it. */
	public Disposable register(SignalHandler<?> handler) {
		this.handlers.add(handler);
		return () -> this.handlers.remove(handler);
	}

	/** Whether any listener is registered, so that writes without listeners skip the calls. */
	public boolean isEmpty() {
		return this.handlers.isEmpty();
	}

	/** Calls the listeners of a signal for an instance, one after another (internal: the ORM's writes call it). */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	public Mono<Void> fire(ModelSignal signal, Object instance, boolean created, List<String> updateFields) {
		if (this.handlers.isEmpty()) {
			return Mono.empty();
		}
		return Flux.fromIterable(this.handlers)
			.filter((h) -> h.signal() == signal && h.model().isInstance(instance))
			.concatMap((h) -> ((SignalListener) h.listener()).receive(new SignalEvent<>(signal, instance, created,
					updateFields)))
			.then();
	}

}

package dev.tortoise.signals;

import reactor.core.publisher.Mono;

/**
 * A listener of a model's signals. Its Mono runs in the chain of the write it hears, so
 * queries it makes through the context join the write's transaction; an error from a
 * {@code PRE_*} listener stops the write before any SQL, from a {@code POST_*} one fails the
 * call (and rolls back its transaction).
 *
 * @param <T> the model
 */
@FunctionalInterface
public interface SignalListener<T> {

	Mono<Void> receive(SignalEvent<T> event);

}

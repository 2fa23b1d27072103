package dev.tortoise.signals;

/**
 * A listener with the signal and model it hears, as a value: the Spring Boot starter
 * registers every bean of this type on the context.
 *
 * @param <T> the model
 */
public record SignalHandler<T>(ModelSignal signal, Class<T> model, SignalListener<? super T> listener) {
}

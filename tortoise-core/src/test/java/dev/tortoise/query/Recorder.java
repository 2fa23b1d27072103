package dev.tortoise.query;

import java.util.ArrayList;
import java.util.List;

import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;

/** Records signals and requests only what the test asks for. */
final class Recorder<T> extends BaseSubscriber<T> {

	final List<T> values = new ArrayList<>();

	boolean completed;

	Throwable error;

	@Override
	protected void hookOnSubscribe(Subscription subscription) {
	}

	@Override
	protected void hookOnNext(T value) {
		this.values.add(value);
	}

	@Override
	protected void hookOnComplete() {
		this.completed = true;
	}

	@Override
	protected void hookOnError(Throwable throwable) {
		this.error = throwable;
	}

}

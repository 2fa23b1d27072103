package dev.tortoise.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Assertions;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;

/**
 * Requests whose subscribers go away at random moments, as clients that hang up do: each
 * request is cancelled after a random delay (before, during or after its statements), a
 * tenth of them never. Errors a request signals and errors Reactor had to drop (which it
 * logs at ERROR) are collected, so that a test can assert there were none.
 */
public final class Cancellations {

	private final List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());

	private final List<Throwable> dropped = Collections.synchronizedList(new ArrayList<>());

	private final AtomicInteger completed = new AtomicInteger();

	private Cancellations() {
	}

	/**
	 * Runs {@code count} requests, {@code concurrency} at a time, each cancelled after a
	 * random delay below {@code maxDelay} (seeded, so a failure can be replayed).
	 */
	public static Cancellations run(int count, int concurrency, Duration maxDelay, long seed,
			IntFunction<? extends Publisher<?>> request) {
		Cancellations run = new Cancellations();
		SplittableRandom random = new SplittableRandom(seed);
		long[] delays = new long[count];
		for (int i = 0; i < count; i++) {
			delays[i] = (random.nextInt(10) == 0) ? -1 : random.nextLong(Math.max(1, maxDelay.toNanos()));
		}
		String hook = Cancellations.class.getName();
		Hooks.onErrorDropped(run.dropped::add);
		try {
			Flux.range(0, count).flatMap((i) -> {
				Flux<?> work = Flux.from(request.apply(i));
				if (delays[i] >= 0) {
					work = work.takeUntilOther(Mono.delay(Duration.ofNanos(delays[i])));
				}
				return work.doOnComplete(run.completed::incrementAndGet).onErrorResume((ex) -> {
					run.failures.add(ex);
					return Mono.empty();
				});
			}, concurrency).blockLast(Duration.ofMinutes(5));
		}
		finally {
			Hooks.resetOnErrorDropped();
		}
		return run;
	}

	/** Requests that ran to their end (cancelled ones too, if the cancel came after the end). */
	public int completed() {
		return this.completed.get();
	}

	/** Fails if any request signalled an error or Reactor dropped one. */
	public Cancellations assertNoErrors() {
		if (!this.failures.isEmpty()) {
			AssertionError error = new AssertionError(this.failures.size() + " requests failed; the first: "
					+ this.failures.get(0));
			this.failures.stream().limit(3).forEach(error::addSuppressed);
			throw error;
		}
		if (!this.dropped.isEmpty()) {
			AssertionError error = new AssertionError(this.dropped.size() + " errors were dropped (logged at ERROR)"
					+ " after their subscribers had cancelled; the first: " + this.dropped.get(0));
			this.dropped.stream().limit(3).forEach(error::addSuppressed);
			throw error;
		}
		return this;
	}

	/**
	 * Asserts that every request's rows, counted by the request number before the first
	 * {@code -} of each name, are all there or none: a transaction commits whole or not at all.
	 * @return how many requests committed
	 */
	public static int assertAllOrNothing(List<String> names, int rowsPerRequest) {
		Map<String, Integer> byRequest = new TreeMap<>();
		for (String name : names) {
			byRequest.merge(name.substring(0, name.indexOf('-')), 1, Integer::sum);
		}
		Map<String, Integer> partial = new TreeMap<>();
		byRequest.forEach((request, rows) -> {
			if (rows != rowsPerRequest) {
				partial.put(request, rows);
			}
		});
		Assertions.assertEquals(Map.of(), partial, "requests that committed part of their transaction (request=rows)");
		return byRequest.size();
	}

}

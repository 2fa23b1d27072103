package dev.tortoise.sqlite;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.r2dbc.spi.R2dbcNonTransientResourceException;
import reactor.core.publisher.Mono;

/**
 * The one thread a connection's JDBC calls run on, in the order they were asked for. A
 * JDBC connection is not safe for concurrent use and its calls block, so every exchange is
 * a task here and never runs on the caller's thread. The thread ends when the connection
 * closes.
 */
final class Worker {

	/** Work that may fail with a JDBC error. */
	@FunctionalInterface
	interface Task<T> {

		T call() throws Exception;

	}

	private final ThreadPoolExecutor executor;

	private final String name;

	Worker(String name) {
		this.name = name;
		this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), (r) -> {
			Thread t = new Thread(r, name);
			t.setDaemon(true);
			return t;
		});
	}

	/** Runs a task on the thread when subscribed to; a null result completes empty. */
	<T> Mono<T> call(Task<T> task) {
		return call(task, (dropped) -> {
		});
	}

	/**
	 * Runs a task on the thread when subscribed to, handing its result to {@code dropped}
	 * instead when the subscriber cancelled meanwhile (an open cursor must still be closed).
	 */
	<T> Mono<T> call(Task<T> task, java.util.function.Consumer<T> dropped) {
		return Mono.create((sink) -> {
			java.util.concurrent.atomic.AtomicBoolean cancelled = new java.util.concurrent.atomic.AtomicBoolean();
			sink.onCancel(() -> cancelled.set(true));
			boolean queued = submit(() -> {
				T value;
				try {
					value = task.call();
				}
				catch (Throwable ex) {
					sink.error(Errors.translate(ex));
					return;
				}
				if (cancelled.get() && value != null) {
					dropped.accept(value);
				}
				else {
					sink.success(value);
				}
			});
			if (!queued) {
				sink.error(closed());
			}
		});
	}

	/** Queues a task, unless the worker has stopped. */
	boolean submit(Runnable task) {
		try {
			this.executor.execute(task);
			return true;
		}
		catch (RejectedExecutionException ex) {
			return false;
		}
	}

	/** Whether the calling thread is this worker's. */
	boolean isCurrent() {
		return Thread.currentThread().getName().equals(this.name);
	}

	/** Lets queued tasks finish, then ends the thread. */
	void shutdown() {
		this.executor.shutdown();
	}

	boolean isShutdown() {
		return this.executor.isShutdown();
	}

	R2dbcNonTransientResourceException closed() {
		return new R2dbcNonTransientResourceException("The SQLite connection (" + this.name + ") is closed.");
	}

}

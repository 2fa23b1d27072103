package dev.tortoise.sqlite;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import io.r2dbc.spi.R2dbcNonTransientResourceException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Schedulers;

/**
 * Runs a connection's JDBC calls one at a time, in the order they were asked for, on the
 * connection's own thread: a JDBC connection is not safe for concurrent use and its calls
 * block. With {@code callerRuns}, a caller that may block (not an event loop, not Reactor's
 * parallel scheduler) and finds nothing queued runs its call itself, as plain JDBC would: a
 * trip to another thread and back costs more than most SQLite statements, but subscribing
 * then blocks such a caller until the call is done. The thread ends when the connection
 * closes.
 */
final class Worker {

	/** Work that may fail with a JDBC error. */
	@FunctionalInterface
	interface Task<T> {

		T call() throws Exception;

	}

	private static final Runnable STOP = () -> {
	};

	private final String name;

	/** Held while a call runs, on whichever thread. */
	private final ReentrantLock running = new ReentrantLock();

	private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();

	/** Queued calls not finished yet; a caller runs its call itself only when there are none. */
	private final AtomicInteger pending = new AtomicInteger();

	private volatile boolean shutdown;

	private final boolean callerRuns;

	Worker(String name) {
		this(name, false);
	}

	Worker(String name, boolean callerRuns) {
		this.name = name;
		this.callerRuns = callerRuns;
		Thread thread = new Thread(this::loop, name);
		thread.setDaemon(true);
		thread.start();
	}

	private void loop() {
		try {
			while (true) {
				Runnable task = this.queue.take();
				if (task == STOP) {
					return;
				}
				this.running.lock();
				try {
					task.run();
				}
				catch (RuntimeException ex) {
					// A task reports its own failures; nothing to stop the connection's thread for.
				}
				finally {
					this.pending.decrementAndGet();
					this.running.unlock();
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Runs a task when subscribed to; a null result completes empty. */
	<T> Mono<T> call(Task<T> task) {
		return call(task, (dropped) -> {
		});
	}

	/**
	 * Runs a task when subscribed to, handing its result to {@code dropped} instead when the
	 * subscriber cancelled meanwhile (an open cursor must still be closed).
	 */
	<T> Mono<T> call(Task<T> task, Consumer<T> dropped) {
		return Mono.create((sink) -> {
			AtomicBoolean cancelled = new AtomicBoolean();
			sink.onCancel(() -> cancelled.set(true));
			Outcome<T> here = inline(task);
			if (here != null) {
				// Emitted after the call let go of the connection: what follows runs outside it.
				here.deliver(sink, cancelled, dropped);
			}
			else if (!enqueue(() -> Outcome.of(task).deliver(sink, cancelled, dropped))) {
				sink.error(closed());
			}
		});
	}

	/** Runs a task in order with the others, here when the caller may block and none is queued. */
	boolean submit(Runnable task) {
		Outcome<Object> here = inline(() -> {
			task.run();
			return null;
		});
		if (here != null) {
			if (here.failure instanceof RuntimeException ex) {
				throw ex;
			}
			return true;
		}
		return enqueue(task);
	}

	/** The outcome of a task run on the calling thread, or null when it must be queued. */
	private <T> @Nullable Outcome<T> inline(Task<T> task) {
		if (!this.callerRuns || this.shutdown || Schedulers.isInNonBlockingThread() || this.running.isHeldByCurrentThread()
				|| !this.running.tryLock()) {
			return null;
		}
		try {
			return (this.pending.get() == 0 && !this.shutdown) ? Outcome.of(task) : null;
		}
		finally {
			this.running.unlock();
		}
	}

	private boolean enqueue(Runnable task) {
		synchronized (this.queue) {
			if (this.shutdown) {
				return false;
			}
			this.pending.incrementAndGet();
			this.queue.add(task);
			return true;
		}
	}

	/** Lets queued tasks finish, then ends the thread; later tasks are refused. */
	void shutdown() {
		synchronized (this.queue) {
			if (!this.shutdown) {
				this.shutdown = true;
				this.queue.add(STOP);
			}
		}
	}

	boolean isShutdown() {
		return this.shutdown;
	}

	R2dbcNonTransientResourceException closed() {
		return new R2dbcNonTransientResourceException("The SQLite connection (" + this.name + ") is closed.");
	}

	/** What a task returned or threw. */
	private record Outcome<T>(@Nullable T value, @Nullable Throwable failure) {

		static <T> Outcome<T> of(Task<T> task) {
			try {
				return new Outcome<>(task.call(), null);
			}
			catch (Throwable ex) {
				return new Outcome<>(null, ex);
			}
		}

		void deliver(MonoSink<T> sink, AtomicBoolean cancelled, Consumer<T> dropped) {
			if (this.failure != null && (cancelled.get() || this.failure instanceof SqliteConnection.Dropped)) {
				// Nobody is listening: a cancelled statement's error is no error.
				return;
			}
			if (this.failure != null) {
				sink.error(Errors.translate(this.failure));
			}
			else if (cancelled.get() && this.value != null) {
				dropped.accept(this.value);
			}
			else {
				sink.success(this.value);
			}
		}

	}

}

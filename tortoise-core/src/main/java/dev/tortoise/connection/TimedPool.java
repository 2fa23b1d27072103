package dev.tortoise.connection;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.PoolMetrics;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.r2dbc.spi.R2dbcTimeoutException;
import io.r2dbc.spi.Wrapped;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.core.scheduler.Scheduler;

/**
 * A pool's connection factory whose acquire time-out is armed only when a connection is
 * not at hand. r2dbc-pool's own {@code maxAcquireTime} schedules a timer for every
 * acquisition and cancels it a few microseconds later; on a two-core VM that hand-off to
 * the timer thread cost 7 to 9 µs per statement, more than all of Tortoise's own work on
 * an embedded database. Here a connection the pool hands over while it is asked for (an
 * idle one) never touches a timer; one that has to wait for a release or a new connection
 * gets the time-out as before, with an error that names the connection.
 */
final class TimedPool implements ConnectionFactory, Wrapped<ConnectionPool> {

	private final String name;

	private final ConnectionPool pool;

	private final Duration timeout;

	private final Scheduler timer;

	/** The server the pool connects to, as errors name it, without credentials. */
	private final String server;

	TimedPool(String name, ConnectionPool pool, Duration timeout, Scheduler timer) {
		this(name, pool, timeout, timer, "the database server");
	}

	TimedPool(String name, ConnectionPool pool, Duration timeout, Scheduler timer, String server) {
		this.server = server;
		this.name = name;
		this.pool = pool;
		this.timeout = timeout;
		this.timer = timer;
	}

	@Override
	public Mono<Connection> create() {
		return new Acquire(this);
	}

	@Override
	public ConnectionFactoryMetadata getMetadata() {
		return this.pool.getMetadata();
	}

	@Override
	public ConnectionPool unwrap() {
		return this.pool;
	}

	@Override
	public String toString() {
		return "TimedPool[" + this.name + ", acquire time-out " + this.timeout + "]";
	}

	/**
	 * Says what the pool saw when the time-out fired, and which case it is: every connection
	 * in use (the pool is too small, or work holds connections), or a connection being opened
	 * that the server did not complete (it is down, unreachable, or not answering).
	 */
	private R2dbcTimeoutException timedOut() {
		String start = "No connection of \"" + this.name + "\" could be acquired within " + this.timeout.toMillis() + " ms: ";
		PoolMetrics metrics = this.pool.getMetrics().orElse(null);
		if (metrics == null) {
			return new R2dbcTimeoutException(start + "the pool reports no metrics. Give the pool more connections"
					+ " (maxsize) or a longer acquire time-out.");
		}
		int acquired = metrics.acquiredSize();
		int max = metrics.getMaxAllocatedSize();
		int waiting = Math.max(0, metrics.pendingAcquireSize() - 1);
		int opening = Math.max(0, metrics.allocatedSize() - acquired - metrics.idleSize());
		String others = (waiting == 0) ? "" : " (" + waiting + " other " + ((waiting == 1) ? "request" : "requests")
				+ " waiting too)";
		if (acquired >= max) {
			return new R2dbcTimeoutException(start + "all " + max + " connections are in use" + others + ". Give the pool"
					+ " more connections (maxsize) or a longer acquire time-out, or look for work that holds connections"
					+ " for long.");
		}
		return new R2dbcTimeoutException(start + acquired + " of " + max + " connections were in use and "
				+ ((opening == 1) ? "the one being opened" : opening + " being opened") + " did not complete" + others
				+ ": " + this.server + " is not answering. Check that the database is up and reachable from here;"
				+ " maxCreateConnectionTime bounds how long opening a connection may take.");
	}

	private static final class Acquire extends Mono<Connection> {

		private final TimedPool parent;

		Acquire(TimedPool parent) {
			this.parent = parent;
		}

		@Override
		public void subscribe(CoreSubscriber<? super Connection> actual) {
			Acquisition acquisition = new Acquisition(this.parent, actual);
			this.parent.pool.create().subscribe(acquisition);
			acquisition.armUnlessDone();
		}

	}

	/** One acquisition: pending until the pool answers, the subscriber cancels, or the time-out fires. */
	private static final class Acquisition extends AtomicInteger implements CoreSubscriber<Connection>, Subscription,
			Runnable {

		private static final int PENDING = 0;

		private static final int DONE = 1;

		private final transient TimedPool parent;

		private final transient CoreSubscriber<? super Connection> actual;

		private transient @Nullable Subscription upstream;

		private transient volatile @Nullable Disposable armed;

		Acquisition(TimedPool parent, CoreSubscriber<? super Connection> actual) {
			this.parent = parent;
			this.actual = actual;
		}

		@Override
		public reactor.util.context.Context currentContext() {
			return this.actual.currentContext();
		}

		/** Arms the time-out, unless the pool has already answered while it was asked. */
		void armUnlessDone() {
			if (get() != PENDING) {
				return;
			}
			Disposable task = this.parent.timer.schedule(this, this.parent.timeout.toNanos(), TimeUnit.NANOSECONDS);
			this.armed = task;
			if (get() != PENDING) {
				task.dispose();
			}
		}

		private boolean finish() {
			if (!compareAndSet(PENDING, DONE)) {
				return false;
			}
			Disposable task = this.armed;
			if (task != null) {
				task.dispose();
			}
			return true;
		}

		@Override
		public void onSubscribe(Subscription s) {
			if (Operators.validate(this.upstream, s)) {
				this.upstream = s;
				this.actual.onSubscribe(this);
			}
		}

		@Override
		public void onNext(Connection connection) {
			if (finish()) {
				this.actual.onNext(connection);
				this.actual.onComplete();
				return;
			}
			// Too late: the time-out fired or the subscriber left while the pool was answering. r2dbc-pool
			// does not give back every connection whose acquisition was cancelled once it had left the pool:
			// leaving it to the pool lost MariaDB connections in the cancellation tests.
			release(connection);
		}

		@Override
		public void onError(Throwable ex) {
			if (finish()) {
				this.actual.onError(ex);
			}
			else {
				Operators.onErrorDropped(ex, this.actual.currentContext());
			}
		}

		@Override
		public void onComplete() {
			if (finish()) {
				this.actual.onComplete();
			}
		}

		@Override
		public void request(long n) {
			this.upstream.request(n);
		}

		@Override
		public void cancel() {
			if (finish()) {
				this.upstream.cancel();
			}
		}

		/** The time-out. */
		@Override
		public void run() {
			if (finish()) {
				this.upstream.cancel();
				this.actual.onError(this.parent.timedOut());
			}
		}

		private static void release(Connection connection) {
			try {
				Mono.from(connection.close()).subscribe((v) -> { }, (ex) -> { });
			}
			catch (IllegalStateException ex) {
				// already given back by the pool's own clean-up on cancel
			}
		}

	}

}

package dev.tortoise.connection;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.R2dbcTimeoutException;
import io.r2dbc.spi.Wrapped;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.Disposable;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;

/** The acquire time-out armed only when a connection has to be waited for, on a real H2 pool. */
class TimedPoolTests {

	private final VirtualTimeScheduler clock = VirtualTimeScheduler.create();

	private final AtomicInteger armed = new AtomicInteger();

	/** Counts the timers armed, and runs them on virtual time so that the test decides when they fire. */
	private final Scheduler timer = new Scheduler() {

		@Override
		public Disposable schedule(Runnable task) {
			return TimedPoolTests.this.clock.schedule(task);
		}

		@Override
		public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
			TimedPoolTests.this.armed.incrementAndGet();
			return TimedPoolTests.this.clock.schedule(task, delay, unit);
		}

		@Override
		public Worker createWorker() {
			return TimedPoolTests.this.clock.createWorker();
		}

	};

	private final ConnectionPool pool = new ConnectionPool(ConnectionPoolConfiguration
		.builder(ConnectionFactories.get("r2dbc:h2:mem:///timed_pool_tests"))
		.initialSize(1)
		.maxSize(1)
		.build());

	private final TimedPool timed = new TimedPool("reports", this.pool, Duration.ofSeconds(30), this.timer);

	@AfterEach
	void close() {
		this.pool.dispose();
		this.clock.dispose();
	}

	@Test
	void anIdleConnectionIsHandedOverWithoutArmingATimer() {
		// The pool opens its first connection on a thread of its own, which may still be in the
		// pool's hand-over loop for the next few acquisitions and answer them itself, later.
		for (int i = 0; i < 10; i++) {
			Mono.from(this.timed.create().block().close()).block();
		}
		int afterWarmUp = this.armed.get();
		for (int i = 0; i < 100; i++) {
			Connection c = this.timed.create().block();
			assertThat(c).isNotNull();
			Mono.from(c.close()).block();
		}
		assertThat(this.armed.get()).isEqualTo(afterWarmUp);
		assertThat(this.pool.getMetrics().get().acquiredSize()).isZero();
	}

	@Test
	void waitingLongerThanTheTimeOutFailsNamingTheConnectionAndLeavesNoWaiterBehind() {
		Connection held = this.timed.create().block();
		List<Throwable> errors = new CopyOnWriteArrayList<>();
		this.timed.create().subscribe((c) -> { }, errors::add);
		assertThat(errors).isEmpty();
		assertThat(this.pool.getMetrics().get().pendingAcquireSize()).isEqualTo(1);
		this.clock.advanceTimeBy(Duration.ofSeconds(30));
		assertThat(errors).singleElement().isInstanceOf(R2dbcTimeoutException.class)
			.satisfies((ex) -> assertThat(ex).hasMessage("No connection of \"reports\" could be acquired within 30000 ms:"
					+ " all 1 connections are in use. Give the pool more connections (maxsize) or a longer acquire"
					+ " time-out, or look for work that holds connections for long."));
		assertThat(this.pool.getMetrics().get().pendingAcquireSize()).isZero();
		Mono.from(held.close()).block();
		assertThat(this.pool.getMetrics().get().acquiredSize()).as("nothing handed to the waiter that left").isZero();
	}

	@Test
	void aServerThatAcceptsButNeverAnswersIsNamedAsNotAnsweringNotAsAFullPool() throws Exception {
		try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
			List<java.net.Socket> accepted = new CopyOnWriteArrayList<>();
			Thread acceptor = new Thread(() -> {
				try {
					while (!silent.isClosed()) {
						accepted.add(silent.accept()); // and never a byte back
					}
				}
				catch (java.io.IOException ex) {
					// closed at the end of the test
				}
			});
			acceptor.setDaemon(true);
			acceptor.start();
			ConnectionPool toSilence = new ConnectionPool(ConnectionPoolConfiguration
				.builder(ConnectionFactories.get("r2dbc:postgresql://postgres@127.0.0.1:" + silent.getLocalPort() + "/x"))
				.initialSize(0)
				.maxSize(3)
				.build());
			try {
				TimedPool pool = new TimedPool("events", toSilence, Duration.ofSeconds(30), this.timer,
						"the server at 127.0.0.1:" + silent.getLocalPort());
				List<Throwable> errors = new CopyOnWriteArrayList<>();
				pool.create().subscribe((c) -> { }, errors::add);
				this.clock.advanceTimeBy(Duration.ofSeconds(30));
				assertThat(errors).singleElement().isInstanceOf(R2dbcTimeoutException.class).satisfies((ex) -> assertThat(ex)
					.hasMessageContaining("0 of 3 connections were in use and the one being opened did not complete")
					.hasMessageContaining("the server at 127.0.0.1:" + silent.getLocalPort() + " is not answering")
					.hasMessageNotContaining("all 3 connections are in use"));
			}
			finally {
				toSilence.dispose();
				for (java.net.Socket socket : accepted) {
					socket.close();
				}
			}
		}
	}

	@Test
	void aConnectionReleasedInTimeGoesToTheWaiterAndDisarmsItsTimer() {
		Connection held = this.timed.create().block();
		List<Connection> received = new CopyOnWriteArrayList<>();
		List<Throwable> errors = new CopyOnWriteArrayList<>();
		int before = this.armed.get();
		this.timed.create().subscribe(received::add, errors::add);
		assertThat(this.armed.get()).as("armed while waiting").isEqualTo(before + 1);
		Mono.from(held.close()).block();
		assertThat(received).hasSize(1);
		this.clock.advanceTimeBy(Duration.ofMinutes(1));
		assertThat(errors).isEmpty();
		Mono.from(received.get(0).close()).block();
		assertThat(this.pool.getMetrics().get().acquiredSize()).isZero();
	}

	@Test
	void aWaiterThatCancelsLeavesNothingAcquiredAndNoTimerToFire() {
		Connection held = this.timed.create().block();
		List<Throwable> errors = new CopyOnWriteArrayList<>();
		Disposable waiter = this.timed.create().subscribe((c) -> { }, errors::add);
		waiter.dispose();
		this.clock.advanceTimeBy(Duration.ofMinutes(1));
		assertThat(errors).isEmpty();
		Mono.from(held.close()).block();
		assertThat(this.pool.getMetrics().get().acquiredSize()).isZero();
		assertThat(this.pool.getMetrics().get().pendingAcquireSize()).isZero();
	}

	@Test
	void cancellingWhileThePoolAnswersLeavesNothingAcquiredAndNoConnectionInThePoolTwice() throws Exception {
		ConnectionPool racing = new ConnectionPool(ConnectionPoolConfiguration
			.builder(ConnectionFactories.get("r2dbc:h2:mem:///timed_pool_race"))
			.initialSize(2)
			.maxSize(2)
			.build());
		TimedPool timed = new TimedPool("race", racing, Duration.ofSeconds(30), this.timer);
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			for (int i = 0; i < 3000; i++) {
				CyclicBarrier start = new CyclicBarrier(2);
				AtomicReference<Disposable> acquisition = new AtomicReference<>();
				Future<?> acquiring = threads.submit(() -> {
					await(start);
					timed.create().subscribe(new BaseSubscriber<Connection>() {

						@Override
						protected void hookOnSubscribe(Subscription subscription) {
							// The canceller may start now, while this thread asks the pool for a connection.
							acquisition.set(this);
							request(1);
						}

						@Override
						protected void hookOnNext(Connection connection) {
							Mono.from(connection.close()).block();
						}

					});
				});
				Future<?> cancelling = threads.submit(() -> {
					await(start);
					Disposable d;
					while ((d = acquisition.get()) == null) {
						Thread.onSpinWait();
					}
					d.dispose();
				});
				acquiring.get(10, TimeUnit.SECONDS);
				cancelling.get(10, TimeUnit.SECONDS);
			}
			var metrics = racing.getMetrics().get();
			assertThat(metrics.acquiredSize()).isZero();
			assertThat(metrics.allocatedSize()).isLessThanOrEqualTo(2);
			assertThat(metrics.idleSize()).isLessThanOrEqualTo(2);
			// A connection given back twice sits in the pool twice and would be handed to two users at once.
			Connection first = timed.create().block(Duration.ofSeconds(10));
			Connection second = timed.create().block(Duration.ofSeconds(10));
			assertThat(((Wrapped<?>) first).unwrap()).isNotSameAs(((Wrapped<?>) second).unwrap());
			List<Connection> third = new CopyOnWriteArrayList<>();
			Disposable waiting = timed.create().subscribe(third::add);
			assertThat(third).as("a pool of two has no third connection to give").isEmpty();
			waiting.dispose();
			Mono.from(first.close()).block();
			Mono.from(second.close()).block();
		}
		finally {
			threads.shutdownNow();
			racing.dispose();
		}
	}

	private static void await(CyclicBarrier barrier) {
		try {
			barrier.await(10, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void describesItselfWithoutCredentials() {
		assertThat(this.timed).hasToString("TimedPool[reports, acquire time-out PT30S]");
		assertThat(this.timed.unwrap()).isSameAs(this.pool);
	}

}

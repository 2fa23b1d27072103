package dev.tortoise.query;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.function.Function;
import java.util.function.Supplier;

import io.r2dbc.spi.Connection;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;

/**
 * Work on a pooled connection that gives the connection back only once the work has
 * ended, whatever happens downstream. A subscriber that cancels stops receiving at once,
 * but the work is not cancelled: it runs to its end, what it emits is dropped, and only
 * then is the connection closed.
 *
 * <p>{@code Flux.usingWhen} closes the connection on the cancelling thread at the moment
 * of the cancel, while the statement may still be starting on another thread. A driver
 * sends both exchanges at once then, and r2dbc-mysql 1.4 queues its exchanges in a
 * single-producer queue: two threads submitting to one connection can lose an exchange
 * ("Request queue is full"), and that connection waits forever, its release included.
 * Here only one exchange of a connection is ever on its way.
 *
 * <p>Longer than the package's other classes on purpose: acquisition, the work, the stop
 * on the server after a grace period, the deadline for a silent server and the release are
 * one state machine over one connection, whose transitions must be read together; split
 * across classes, the races between them would be too.
 *
 * <p>With a {@link ServerCancel}, work still running {@link ServerCancel#GRACE a moment}
 * after its subscriber left is stopped on the server; the connection goes back only once
 * the work has ended and the server has been told, and then settled.
 *
 * <p>Longer than our ~300 lines: the acquisition, the work and the release are one state
 * machine, whose cancellation paths must be read together.
 *
 * @param <T> what the work emits
 */
final class Lease<T> extends Flux<T> {

	private static final Logger logger = LoggerFactory.getLogger(Lease.class);

	private final Publisher<? extends Connection> acquire;

	private final Function<Connection, ? extends Publisher<T>> work;

	private final @Nullable ServerCancel serverCancel;

	private Lease(Publisher<? extends Connection> acquire, Function<Connection, ? extends Publisher<T>> work,
			@Nullable ServerCancel serverCancel) {
		this.acquire = acquire;
		this.work = work;
		this.serverCancel = serverCancel;
	}

	/** Runs the work on a connection from {@code acquire} and closes the connection after it. */
	static <T> Flux<T> of(Publisher<? extends Connection> acquire, Function<Connection, ? extends Publisher<T>> work) {
		return new Lease<>(acquire, work, null);
	}

	/**
	 * Runs the work on a connection from {@code acquire} and closes the connection after it.
	 * Work its subscriber left is stopped on the server; work that has not answered within the
	 * {@link ServerCancel#deadline} of getting its connection fails at once, and then runs on
	 * unseen, as after a cancel, until it ends and the connection can go back.
	 */
	static <T> Flux<T> of(Publisher<? extends Connection> acquire, Function<Connection, ? extends Publisher<T>> work,
			ServerCancel serverCancel) {
		return new Lease<>(acquire, work, serverCancel);
	}

	@Override
	public void subscribe(CoreSubscriber<? super T> actual) {
		LeaseSubscriber<T> lease = new LeaseSubscriber<>(actual, this);
		actual.onSubscribe(lease);
		this.acquire.subscribe(lease.acquirer);
	}

	private static final class LeaseSubscriber<T> implements CoreSubscriber<T>, Subscription {

		private static final int ACQUIRING = 0;

		private static final int WORKING = 1;

		private static final int CANCELLED_BEFORE_WORK = 2;

		private static final AtomicIntegerFieldUpdater<LeaseSubscriber> STATE = AtomicIntegerFieldUpdater
			.newUpdater(LeaseSubscriber.class, "state");

		private static final AtomicLongFieldUpdater<LeaseSubscriber> REQUESTED = AtomicLongFieldUpdater
			.newUpdater(LeaseSubscriber.class, "requested");

		private final CoreSubscriber<? super T> actual;

		private final Function<Connection, ? extends Publisher<T>> work;

		private final @Nullable ServerCancel serverCancel;

		final Acquirer acquirer = new Acquirer();

		/** Set when the work has ended; guarded by {@code this}, as are the two below. */
		private boolean ended;

		/** The grace before a stop on the server, once downstream has cancelled. */
		private @Nullable Disposable grace;

		/** The stop on the server, once sent. */
		private @Nullable Mono<Void> stopping;

		private volatile int state;

		/** Demand that arrived before the work's subscription did. */
		private volatile long requested;

		private volatile @Nullable Subscription acquiring;

		private volatile @Nullable Subscription working;

		private @Nullable Connection connection;

		/** Downstream has cancelled: the work, if it started, runs on unseen until it ends. */
		private volatile boolean cancelled;

		private final @Nullable Duration deadline;

		private final @Nullable Supplier<? extends Throwable> noAnswer;

		/** The deadline's timer, armed when the work starts; guarded by {@code this}. */
		private @Nullable Disposable deadlineTimer;

		private static final int WAITING = 0;

		private static final int ANSWERED = 1;

		private static final int TIMED_OUT = 2;

		/** Whether the first answer or the deadline came first: once one has, the other is ignored. */
		private final AtomicInteger answer = new AtomicInteger();

		LeaseSubscriber(CoreSubscriber<? super T> actual, Lease<T> lease) {
			this.actual = actual;
			this.work = lease.work;
			this.serverCancel = lease.serverCancel;
			this.deadline = (lease.serverCancel != null) ? lease.serverCancel.deadline() : null;
			this.noAnswer = (lease.serverCancel != null) ? lease.serverCancel.noAnswer() : null;
		}

		/** No answer by the deadline: the subscriber is told so, and the work runs on unseen. */
		private void deadlineReached() {
			if (this.answer.compareAndSet(WAITING, TIMED_OUT)) {
				cancel();
				this.actual.onError(this.noAnswer.get());
			}
		}

		/** A signal of the work has come: false if the deadline came first and the signal is not to pass. */
		private boolean answered() {
			if (this.deadline == null) {
				return true;
			}
			int state = this.answer.get();
			if (state == WAITING) {
				state = this.answer.compareAndExchange(WAITING, ANSWERED);
				if (state == WAITING) {
					synchronized (this) {
						if (this.deadlineTimer != null) {
							this.deadlineTimer.dispose();
						}
					}
					return true;
				}
			}
			return state == ANSWERED;
		}

		private void start(Connection connection) {
			if (!STATE.compareAndSet(this, ACQUIRING, WORKING)) {
				// Cancelled while the connection was on its way: nothing ran on it.
				Mono.from(connection.close()).subscribe(null, (ex) -> logger.debug("Could not release a connection", ex),
						null, this.actual.currentContext());
				return;
			}
			this.connection = connection;
			if (this.deadline != null) {
				synchronized (this) {
					this.deadlineTimer = ServerCancel.schedule(this::deadlineReached, this.deadline);
				}
			}
			Publisher<T> publisher;
			try {
				publisher = this.work.apply(connection);
			}
			catch (RuntimeException ex) {
				publisher = Flux.error(ex);
			}
			publisher.subscribe(this);
		}

		@Override
		public void onSubscribe(Subscription s) {
			if (Operators.validate(this.working, s)) {
				this.working = s;
				long r = REQUESTED.getAndSet(this, 0);
				if (this.cancelled) {
					s.request(Long.MAX_VALUE);
				}
				else if (r > 0) {
					s.request(r);
				}
			}
		}

		@Override
		public void onNext(T value) {
			if (!answered() || this.cancelled) {
				Operators.onDiscard(value, this.actual.currentContext());
				return;
			}
			this.actual.onNext(value);
		}

		@Override
		public void onError(Throwable ex) {
			release(ex);
		}

		@Override
		public void onComplete() {
			release(null);
		}

		@Override
		public void request(long n) {
			if (!Operators.validate(n)) {
				return;
			}
			Subscription w = this.working;
			if (w != null) {
				w.request(n);
				return;
			}
			Operators.addCap(REQUESTED, this, n);
			w = this.working;
			if (w != null) {
				long r = REQUESTED.getAndSet(this, 0);
				if (r > 0) {
					w.request(r);
				}
			}
		}

		@Override
		public void cancel() {
			if (this.cancelled) {
				return;
			}
			this.cancelled = true;
			if (STATE.compareAndSet(this, ACQUIRING, CANCELLED_BEFORE_WORK)) {
				Subscription a = this.acquiring;
				if (a != null) {
					a.cancel();
				}
				return;
			}
			// Never cancel the acquisition once the connection is here: the pool would take it
			// back while the work still runs on it.
			Subscription w = this.working;
			if (w != null) {
				w.request(Long.MAX_VALUE);
			}
			if (this.serverCancel != null) {
				synchronized (this) {
					if (!this.ended) {
						this.grace = ServerCancel.afterGrace(this::stopOnServer);
					}
				}
			}
		}

		/** The work is still running a moment after its subscriber left: stop it on the server. */
		private void stopOnServer() {
			Mono<Void> stop;
			synchronized (this) {
				if (this.ended) {
					return;
				}
				stop = this.serverCancel.stop(this.connection).cache();
				this.stopping = stop;
			}
			stop.subscribe();
		}

		/** Closes the connection, then ends downstream with the work's outcome (or the close's failure). */
		private void release(@Nullable Throwable workError) {
			answered();
			Mono<Void> stopped;
			synchronized (this) {
				this.ended = true;
				if (this.grace != null) {
					this.grace.dispose();
				}
				stopped = this.stopping;
			}
			Mono<Void> close = Mono.from(this.connection.close());
			if (stopped != null) {
				close = stopped.then(this.serverCancel.settle(this.connection)).then(close);
			}
			close.subscribe(null, (closeError) -> {
				if (workError != null) {
					workError.addSuppressed(closeError);
					end(workError);
				}
				else {
					end(closeError);
				}
			}, () -> end(workError), this.actual.currentContext());
		}

		private void end(@Nullable Throwable error) {
			if (this.cancelled) {
				if (error != null) {
					logger.debug("Work whose subscriber had cancelled failed while it ran to its end", error);
				}
			}
			else if (error != null) {
				this.actual.onError(error);
			}
			else {
				this.actual.onComplete();
			}
		}

		/** Receives the connection; its subscription is cancelled only before the connection came. */
		final class Acquirer implements CoreSubscriber<Connection> {

			@Override
			public reactor.util.context.Context currentContext() {
				return LeaseSubscriber.this.actual.currentContext();
			}

			@Override
			public void onSubscribe(Subscription s) {
				LeaseSubscriber.this.acquiring = s;
				if (LeaseSubscriber.this.state == CANCELLED_BEFORE_WORK) {
					s.cancel();
				}
				else {
					s.request(Long.MAX_VALUE);
				}
			}

			@Override
			public void onNext(Connection connection) {
				start(connection);
			}

			@Override
			public void onError(Throwable ex) {
				if (STATE.compareAndSet(LeaseSubscriber.this, ACQUIRING, CANCELLED_BEFORE_WORK)) {
					LeaseSubscriber.this.actual.onError(ex);
				}
			}

			@Override
			public void onComplete() {
				// Still acquiring only if no connection came: a connection has moved the state on.
				if (STATE.compareAndSet(LeaseSubscriber.this, ACQUIRING, CANCELLED_BEFORE_WORK)) {
					LeaseSubscriber.this.actual.onError(new IllegalStateException("The pool gave no connection."));
				}
			}

		}

	}

}

package dev.tortoise.query;

import java.util.function.BiFunction;

import dev.tortoise.transactions.TransactionScope;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxOperator;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;

/**
 * The signals of one statement, read from the driver to the end whatever happens
 * downstream. A subscriber that cancels stops receiving at once, but the driver is never
 * cancelled: the statement's remaining rows are read and dropped, and the connection is
 * in a clean state when it goes back to the pool. Drivers do not all survive a
 * cancellation in the middle of an exchange (r2dbc-mysql 1.4 can leave its request queue
 * waiting forever, so that every later statement on that connection, including the
 * pool's release, hangs), and the wire protocols have to read the rows anyway.
 *
 * <p>A row that fails to map ({@link #guard}) is not thrown inside the driver either: the
 * rest of the statement is read, then the first failure is signalled.
 *
 * @param <T> what each row maps to
 */
final class ReadToEnd<T> extends FluxOperator<Object, T> {

	private static final Logger logger = LoggerFactory.getLogger(ReadToEnd.class);

	ReadToEnd(Flux<?> source) {
		super(source);
	}

	/**
	 * A mapping that hands back a failure marker instead of throwing: an exception thrown
	 * inside the driver's {@code Result.map} would make it cancel its own exchange.
	 */
	static <T> BiFunction<Row, RowMetadata, Object> guard(BiFunction<Row, RowMetadata, T> mapping) {
		return (row, md) -> {
			try {
				return mapping.apply(row, md);
			}
			catch (RuntimeException ex) {
				return new Failure(ex);
			}
		};
	}

	/** Where the transaction whose statements are counted travels in the context. */
	private static final String COUNTED_BY = ReadToEnd.class.getName() + ".countedBy";

	/**
	 * Work whose statements the transaction counts while they are on the wire, so that it
	 * ends (COMMIT, ROLLBACK) only after they have: statements read to their end after a
	 * cancel would otherwise share the connection with the cancelled transaction's ROLLBACK,
	 * sent from another thread.
	 */
	static <T> Flux<T> countedBy(TransactionScope scope, Flux<T> work) {
		return work.contextWrite((c) -> c.put(COUNTED_BY, scope));
	}

	/** Where the stop of a counted statement on the server travels in the context. */
	private static final String STOP = ReadToEnd.class.getName() + ".stop";

	/** How to stop a statement of a transaction on the server: the connection it runs on. */
	record Stop(ServerCancel serverCancel, Connection connection) {
	}

	/**
	 * Work whose statements the transaction counts, and which are stopped on the server if
	 * still running a moment after their subscriber left while the transaction rolls back
	 * (its subscriber cancelled): the transaction ends sooner, and its connection with it. A
	 * statement that our own operators stop reading early (first row only) in a transaction
	 * that goes on is never stopped: that would abort the transaction on PostgreSQL.
	 */
	static <T> Flux<T> countedBy(TransactionScope scope, Stop stop, Flux<T> work) {
		return work.contextWrite((c) -> c.put(COUNTED_BY, scope).put(STOP, stop));
	}

	@Override
	public void subscribe(CoreSubscriber<? super T> actual) {
		TransactionScope scope = actual.currentContext().getOrDefault(COUNTED_BY, null);
		if (scope != null && !scope.statementStarting()) {
			scope.<T>refusal().subscribe(actual);
			return;
		}
		Stop stop = (scope != null) ? actual.currentContext().getOrDefault(STOP, null) : null;
		this.source.subscribe(new ReadToEndSubscriber<>(actual, scope, stop));
	}

	/** A row that could not be mapped. */
	private record Failure(RuntimeException error) {
	}

	private static final class ReadToEndSubscriber<T> implements CoreSubscriber<Object>, Subscription {

		private final CoreSubscriber<? super T> actual;

		private @Nullable Subscription upstream;

		/** Downstream has cancelled, or a row failed: what is left is read and dropped. */
		private volatile boolean draining;

		/** The first row that failed to map, signalled when the statement has been read. */
		private @Nullable RuntimeException failure;

		/** The transaction that counts this statement while it is on the wire, if any. */
		private final @Nullable TransactionScope countedBy;

		/** How to stop the statement on the server, or null. */
		private final @Nullable Stop stop;

		/** Set once the statement has ended; guarded by {@code this}, as are the two below. */
		private boolean terminated;

		private @Nullable Disposable grace;

		private @Nullable Mono<Void> stopping;

		ReadToEndSubscriber(CoreSubscriber<? super T> actual, @Nullable TransactionScope countedBy, @Nullable Stop stop) {
			this.actual = actual;
			this.countedBy = countedBy;
			this.stop = stop;
		}

		/** The statement is off the wire: the transaction may end, once a stop on its way has been received. */
		private void ended() {
			Mono<Void> stopped = null;
			if (this.stop != null) {
				synchronized (this) {
					this.terminated = true;
					if (this.grace != null) {
						this.grace.dispose();
					}
					stopped = this.stopping;
				}
			}
			if (this.countedBy == null) {
				return;
			}
			if (stopped == null) {
				this.countedBy.statementEnded();
			}
			else {
				TransactionScope scope = this.countedBy;
				stopped.doFinally((signal) -> scope.statementEnded()).subscribe();
			}
		}

		/** Still running a moment after the subscriber left, in a transaction that rolls back: stop it. */
		private void stopOnServer() {
			Mono<Void> stopped;
			synchronized (this) {
				if (this.terminated || !this.countedBy.isRollingBack()) {
					return;
				}
				stopped = this.stop.serverCancel().stop(this.stop.connection()).cache();
				this.stopping = stopped;
				this.countedBy.stoppedOnServer(this.stop.serverCancel().settle(this.stop.connection()));
			}
			stopped.subscribe();
		}

		@Override
		public reactor.util.context.Context currentContext() {
			return this.actual.currentContext();
		}

		@Override
		public void onSubscribe(Subscription s) {
			if (Operators.validate(this.upstream, s)) {
				this.upstream = s;
				this.actual.onSubscribe(this);
			}
		}

		@Override
		@SuppressWarnings("unchecked")
		public void onNext(Object value) {
			if (this.draining) {
				Operators.onDiscard(value, this.actual.currentContext());
				return;
			}
			if (value instanceof Failure f) {
				this.failure = f.error();
				drain();
				return;
			}
			this.actual.onNext((T) value);
		}

		@Override
		public void onError(Throwable ex) {
			ended();
			if (!this.draining) {
				this.actual.onError(ex);
			}
			else if (this.failure != null) {
				this.failure.addSuppressed(ex);
				this.actual.onError(this.failure);
			}
			else {
				logger.debug("A statement whose subscriber had cancelled failed while its rows were read", ex);
			}
		}

		@Override
		public void onComplete() {
			ended();
			if (!this.draining) {
				this.actual.onComplete();
			}
			else if (this.failure != null) {
				this.actual.onError(this.failure);
			}
		}

		@Override
		public void request(long n) {
			this.upstream.request(n);
		}

		@Override
		public void cancel() {
			if (!this.draining) {
				drain();
				if (this.stop != null) {
					synchronized (this) {
						if (!this.terminated) {
							this.grace = ServerCancel.afterGrace(this::stopOnServer);
						}
					}
				}
			}
		}

		private void drain() {
			this.draining = true;
			this.upstream.request(Long.MAX_VALUE);
		}

	}

}

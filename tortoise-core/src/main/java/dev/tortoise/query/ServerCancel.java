package dev.tortoise.query;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import dev.tortoise.connection.Connections;
import dev.tortoise.exceptions.OperationalException;
import io.r2dbc.spi.Connection;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Stops on the server a statement whose subscriber has gone away, so that a client that
 * hangs up or a time-out downstream does not leave the statement running (and holding a
 * pooled connection) for as long as it would have taken. The cancel is sent only if the
 * statement is still running a moment after the subscriber left: most statements end on
 * their own by then, and each cancel costs the server a session of its own (PostgreSQL
 * forks a process to read a cancel request).
 *
 * <p>Where the connection has a statement timeout, it also bounds how long the client waits
 * for a first answer ({@link #deadline}): past the timeout the server should have answered
 * with its error, and one that has not is frozen or cut off.
 */
final class ServerCancel {

	/** How long a statement whose subscriber left may go on before it is stopped on the server. */
	static final Duration GRACE = Duration.ofMillis(100);

	private final Connections connections;

	private final String name;

	/** How much longer than its statement timeout the client waits for a server's first answer. */
	static final Duration NO_ANSWER_MARGIN = Duration.ofSeconds(5);

	private final @Nullable Duration deadline;

	private final Supplier<OperationalException> noAnswer;

	ServerCancel(Connections connections, String name) {
		this.connections = connections;
		this.name = name;
		Duration timeout = connections.config(name).pool().statementTimeout();
		this.deadline = (timeout != null) ? timeout.plus(NO_ANSWER_MARGIN) : null;
		this.noAnswer = () -> new OperationalException("The server of connection \"" + name + "\" did not answer within "
				+ this.deadline.toMillis() + " ms, although its statement timeout is " + timeout.toMillis() + " ms: it"
				+ " is frozen, overloaded or cut off. The connection goes back to the pool once the server answers.");
	}

	/**
	 * How long a statement may go without a first answer before the caller is told the server
	 * is not answering: the statement timeout plus {@link #NO_ANSWER_MARGIN}; null without one.
	 */
	@Nullable Duration deadline() {
		return this.deadline;
	}

	/** The error of a statement whose server did not answer by the {@link #deadline}. */
	Supplier<OperationalException> noAnswer() {
		return this.noAnswer;
	}

	/**
	 * The timer of the grace periods: a thread of its own, since application code that blocks
	 * Reactor's shared parallel threads would otherwise hold every stop back.
	 */
	private static final Scheduler TIMER = Schedulers.newSingle("tortoise-cancel", true);

	/** Runs {@code task} after {@link #GRACE}, unless disposed first. */
	static Disposable afterGrace(Runnable task) {
		return schedule(task, GRACE);
	}

	/** Runs {@code task} after a delay on the cancels' own timer, unless disposed first. */
	static Disposable schedule(Runnable task, Duration delay) {
		return TIMER.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
	}

	/** Tells the server to stop what the connection is running; never fails. */
	Mono<Void> stop(Connection connection) {
		return this.connections.cancel(this.name, connection);
	}

	/**
	 * Makes a connection whose statement was stopped safe to hand to the pool again, once the
	 * statement has ended: an engine whose stop is noted for the session, not the statement,
	 * has it used up here instead of by the next user's statement.
	 */
	Mono<Void> settle(Connection connection) {
		return this.connections.settleAfterCancel(this.name, connection);
	}

}

package dev.tortoise.sqlite;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.r2dbc.spi.R2dbcTransientResourceException;
import org.jspecify.annotations.Nullable;

/**
 * The queue in which the connections of one factory wait for SQLite's write lock. SQLite
 * lets one connection write at a time and makes the others poll for the lock, sleeping
 * longer after each miss (up to 100 ms at once) until their busy timeout: under concurrent
 * writes most of a pool then sleeps while the lock is free. Here a writer of the same pool
 * waits in line instead and takes the lock the moment the one before it lets go, first
 * come first served. Writers in other processes, or of other factories on the same file,
 * are still waited for by SQLite's busy timeout.
 */
final class WriteGate {

	private final Semaphore lock = new Semaphore(1, true);

	/**
	 * Waits for the write lock on the connection's own thread, for up to the busy timeout.
	 * @param wait how a caller that no longer wants the statement run (its subscriber
	 * cancelled) stops the wait, or null
	 * @return false if the wait was stopped first: the lock is not taken
	 * @throws R2dbcTransientResourceException if another connection held it past the busy timeout
	 */
	boolean enter(Duration busyTimeout, @Nullable Wait wait) throws InterruptedException {
		if (wait != null && !wait.begin()) {
			return false;
		}
		boolean entered = false;
		InterruptedException interrupted = null;
		try {
			entered = this.lock.tryAcquire(busyTimeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			interrupted = ex;
		}
		if (wait != null && !wait.end()) {
			if (entered) {
				this.lock.release();
			}
			return false;
		}
		if (interrupted != null) {
			throw interrupted;
		}
		if (!entered) {
			throw new R2dbcTransientResourceException("database is locked: another connection of this pool held the"
					+ " write lock for longer than the busy timeout of " + busyTimeout.toMillis() + " ms. Keep write"
					+ " transactions short, or raise busy_timeout in the connection's URL.", null, Errors.SQLITE_BUSY);
		}
		return true;
	}

	/** Lets the next writer in; only by the connection that entered. */
	void leave() {
		this.lock.release();
	}

	/**
	 * One statement's wait for the gate, which another thread may stop. The stop interrupts
	 * the waiting thread only while it waits, and the waiter clears that interrupt before it
	 * goes on, both under this object's monitor: no interrupt outlives the wait.
	 */
	static final class Wait {

		private @Nullable Thread waiting;

		private boolean stopped;

		/** Stops the wait, now or when it begins. */
		synchronized void stop() {
			this.stopped = true;
			if (this.waiting != null) {
				this.waiting.interrupt();
			}
		}

		private synchronized boolean begin() {
			this.waiting = Thread.currentThread();
			return !this.stopped;
		}

		/** Ends the wait; false if it was stopped. */
		private synchronized boolean end() {
			this.waiting = null;
			if (this.stopped) {
				Thread.interrupted();
				return false;
			}
			return true;
		}

	}

}

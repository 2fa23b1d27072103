package dev.tortoise.sqlite;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionMetadata;
import io.r2dbc.spi.IsolationLevel;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.TransactionDefinition;
import io.r2dbc.spi.ValidationDepth;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A connection to a SQLite database. Its JDBC connection is used on one thread of its own
 * ({@link Worker}); prepared statements are kept per statement text (the last
 * {@value #CACHED_STATEMENTS}). Transactions begin {@code IMMEDIATE}, taking the write lock
 * at once, so that a writer waits for another (up to the busy timeout) instead of failing
 * half way; a read-only transaction begins {@code DEFERRED}. The connections of one factory
 * wait for the write lock in line ({@link WriteGate}), not by SQLite's sleeping retries.
 * SQLite's transactions are serializable whatever isolation level is asked for.
 */
public final class SqliteConnection implements Connection {

	static final int CACHED_STATEMENTS = 256;

	/** Rows read with the statement's first step, before any subscriber asks. */
	static final int PREFETCH = 64;

	private static final java.util.concurrent.atomic.AtomicInteger RUNNING = new java.util.concurrent.atomic.AtomicInteger();

	private static final java.util.concurrent.atomic.AtomicInteger TRANSACTIONS = new java.util.concurrent.atomic.AtomicInteger();

	private final org.sqlite.SQLiteConnection jdbc;

	private final Worker worker;

	private final WriteGate gate;

	/** How long a writer waits for the write lock; changed on the worker only. */
	private volatile Duration busyTimeout;

	/** Whether this connection holds the {@link #gate}; touched under the worker's lock only. */
	private boolean holdsGate;

	private final String version;

	/** Prepared statements by text; used on the worker only. */
	private final Map<String, Prepared> statements = new LinkedHashMap<>(64, 0.75f, true) {
		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Prepared> eldest) {
			if (size() <= CACHED_STATEMENTS) {
				return false;
			}
			eldest.getValue().evict();
			return true;
		}
	};

	private final AtomicBoolean closed = new AtomicBoolean();

	private volatile boolean autoCommit = true;

	private volatile boolean inTransaction;

	private volatile @Nullable Duration statementTimeout;

	/** The execution whose statement is being stepped right now, which an interrupt would stop. */
	private volatile @Nullable Execution stepping;

	/**
	 * Prepared up front: SQLite clears a pending interrupt only when a statement starts
	 * stepping, and refuses to prepare any statement while one is pending.
	 */
	private final PreparedStatement clearInterrupt;

	/** Whether an interrupt was sent that SQLite may still hold for the next statement. */
	private volatile boolean interruptSent;

	/** Created on the connection's thread. */
	SqliteConnection(org.sqlite.SQLiteConnection jdbc, Worker worker, String version, WriteGate gate, Duration busyTimeout)
			throws java.sql.SQLException {
		this.jdbc = jdbc;
		this.worker = worker;
		this.gate = gate;
		this.busyTimeout = busyTimeout;
		this.version = version;
		this.clearInterrupt = jdbc.prepareStatement("SELECT 1");
	}

	Worker worker() {
		return this.worker;
	}

	// --- statements ---------------------------------------------------------------------

	@Override
	public SqliteStatement createStatement(String sql) {
		if (this.closed.get()) {
			throw new IllegalStateException("The SQLite connection is closed; take another one.");
		}
		return new SqliteStatement(this, sql);
	}

	@Override
	public SqliteBatch createBatch() {
		return new SqliteBatch(this);
	}

	/** Runs a statement once per set of values, on the connection's thread. */
	Flux<Result> execute(String sql, Parameters parameters, List<@Nullable Object[]> bindings) {
		Call call = new Call();
		return this.worker.call(() -> run(sql, parameters, bindings, call), (dropped) -> dropped.forEach(SqliteResult::discard))
			.doOnCancel(() -> {
				call.gateWait.stop();
				Execution e = call.execution;
				if (e != null) {
					interrupt(e);
				}
			})
			.flatMapIterable((results) -> results);
	}

	/** What a call whose subscriber left while it waited for the write lock ends with, unseen. */
	static final class Dropped extends Exception {

		private static final long serialVersionUID = 1L;

		Dropped() {
			super("The subscriber cancelled while the statement waited for the write lock.", null, false, false);
		}

	}

	/** The execution of a call, once it has begun, for a subscriber that cancels while it steps. */
	private static final class Call {

		volatile @Nullable Execution execution;

		final WriteGate.Wait gateWait = new WriteGate.Wait();

	}

	private List<SqliteResult> run(String sql, Parameters parameters, List<@Nullable Object[]> bindings,
			@Nullable Call call) throws Exception {
		checkOpen();
		beginIfNeeded();
		boolean gated = !this.holdsGate && parameters.writes();
		if (gated && !enterGate((call != null) ? call.gateWait : null)) {
			throw new Dropped();
		}
		Execution e;
		try {
			e = start(prepare(sql));
		}
		catch (Throwable ex) {
			if (gated) {
				leaveGate();
			}
			throw ex;
		}
		e.gated = gated;
		if (call != null) {
			call.execution = e;
		}
		try {
			PreparedStatement ps = e.prepared.statement;
			if (bindings.size() == 1) {
				bind(ps, bindings.get(0));
				boolean rows = step(e, ps::execute);
				if (rows) {
					// A write's RETURNING rows are all made by its first step: read them at once, and let go of
					// the write lock now rather than after the slowest subscriber.
					return List.of(firstRows(e, ps.getResultSet(), parameters.changesRows(),
							parameters.writes() ? Integer.MAX_VALUE : PREFETCH));
				}
				long changed = parameters.changesRows() ? ps.getUpdateCount() : 0;
				release(e);
				return List.of(SqliteResult.count(changed));
			}
			List<SqliteResult> results = new ArrayList<>(bindings.size());
			for (Object[] values : bindings) {
				bind(ps, values);
				if (step(e, ps::execute)) {
					try (ResultSet rs = ps.getResultSet()) {
						SqliteRowMetadata md = e.prepared.columns(rs);
						List<SqliteRow> rows = new ArrayList<>();
						while (rs.next()) {
							rows.add(SqliteRow.copy(md, rs));
						}
						results.add(SqliteResult.rows(md, rows, parameters.changesRows() ? rows.size() : -1));
					}
				}
				else {
					results.add(SqliteResult.count(parameters.changesRows() ? ps.getUpdateCount() : 0));
				}
			}
			release(e);
			return results;
		}
		catch (Throwable ex) {
			discard(e);
			throw asException(failure(e, ex));
		}
	}

	/**
	 * Reads up to {@code limit} rows ({@link #PREFETCH} for a query) in the call that ran the
	 * statement, so that a small result (most of them) needs no second trip to the
	 * connection's thread; a larger one goes on as a cursor, stepped as subscribers ask.
	 */
	private SqliteResult firstRows(Execution e, ResultSet rs, boolean changesRows, int limit) throws Exception {
		SqliteRowMetadata md = e.prepared.columns(rs);
		List<SqliteRow> head = new ArrayList<>();
		while (head.size() < limit) {
			if (!step(e, rs::next)) {
				rs.close();
				release(e);
				return SqliteResult.rows(md, head, changesRows ? head.size() : -1);
			}
			head.add(SqliteRow.copy(md, rs));
		}
		return SqliteResult.of(new Cursor(this, e, rs, md, changesRows, head));
	}

	/** Runs statements given as text, one after the other (a batch), each as its own result. */
	Flux<Result> executeAll(List<String> sqls) {
		return this.worker.call(() -> {
			checkOpen();
			beginIfNeeded();
			List<SqliteResult> results = new ArrayList<>(sqls.size());
			for (String sql : sqls) {
				results.addAll(run(sql, Parameters.of(sql), List.<@Nullable Object[]>of(new Object[0]), null));
			}
			return results;
		}, (dropped) -> dropped.forEach(SqliteResult::discard)).flatMapIterable((results) -> results);
	}

	private static void bind(PreparedStatement ps, @Nullable Object[] values) throws Exception {
		for (int i = 0; i < values.length; i++) {
			Values.bind(ps, i + 1, values[i]);
		}
	}

	/** A statement of the cache, or a new one when its text is not cached or its cached one is in use. */
	private Prepared prepare(String sql) throws Exception {
		if (this.interruptSent) {
			clearInterrupt();
		}
		Prepared p = this.statements.get(sql);
		if (p != null && !p.inUse) {
			p.inUse = true;
			return p;
		}
		Prepared fresh = new Prepared(sql, this.jdbc.prepareStatement(sql), p == null);
		if (p == null) {
			this.statements.put(sql, fresh);
		}
		fresh.inUse = true;
		return fresh;
	}

	/** Runs one JDBC call that steps the statement, marked so that an interrupt can reach it. */
	private <T> T step(Execution e, Worker.Task<T> call) throws Exception {
		stepping(e, true);
		try {
			return call.call();
		}
		finally {
			stepping(e, false);
		}
	}

	void stepping(Execution e, boolean on) throws Exception {
		if (on && e.timedOut) {
			throw Errors.timeout(e.timeout, new IllegalStateException("statement timeout"));
		}
		if (on) {
			RUNNING.incrementAndGet();
		}
		else if (this.stepping != null) {
			RUNNING.decrementAndGet();
		}
		this.stepping = on ? e : null;
	}

	/**
	 * How many statements connections of this driver are running in this JVM right now
	 * (being stepped, not waiting for a subscriber to ask for rows), for monitoring.
	 */
	public static int running() {
		return RUNNING.get();
	}

	/**
	 * How many connections of this driver in this JVM are inside a transaction right now, for
	 * monitoring: SQLite itself keeps no list of sessions.
	 */
	public static int inTransaction() {
		return TRANSACTIONS.get();
	}

	/** Called on the worker only. */
	private void inTransaction(boolean open) {
		if (open != this.inTransaction) {
			this.inTransaction = open;
			TRANSACTIONS.addAndGet(open ? 1 : -1);
		}
		if (!open) {
			leaveGate();
		}
	}

	private Execution start(Prepared prepared) {
		Execution e = new Execution(prepared, this.statementTimeout);
		if (e.timeout != null) {
			e.timer = Schedulers.parallel().schedule(() -> {
				e.timedOut = true;
				interrupt(e);
			}, e.timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		return e;
	}

	/** Hands an execution's statement back once its rows are read or given up. */
	void release(Execution e) {
		Disposable timer = e.timer;
		if (timer != null) {
			timer.dispose();
		}
		if (e.gated) {
			e.gated = false;
			leaveGate();
		}
		if (this.stepping == e) {
			this.stepping = null;
			RUNNING.decrementAndGet();
		}
		e.prepared.release();
	}

	/**
	 * Hands back the statement of an execution that failed, finalized rather than kept: a
	 * statement SQLite stopped (an interrupt, an error) is no longer reset for its next run,
	 * and while it stays active SQLite keeps an interrupt pending for every new statement.
	 */
	void discard(Execution e) {
		Prepared p = e.prepared;
		if (p.cached) {
			this.statements.remove(p.sql, p);
		}
		p.evicted = true;
		release(e);
	}

	/** The error an execution ends with: a time-out when it was interrupted at its statement timeout. */
	Throwable failure(Execution e, Throwable ex) {
		if (e.timedOut && (Errors.isInterrupt(ex) || ex instanceof io.r2dbc.spi.R2dbcTimeoutException)) {
			return (ex instanceof io.r2dbc.spi.R2dbcTimeoutException) ? ex : Errors.timeout(e.timeout, ex);
		}
		return Errors.translate(ex);
	}

	private static Exception asException(Throwable t) {
		if (t instanceof Exception ex) {
			return ex;
		}
		throw (Error) t;
	}

	/** Stops the execution's statement if it is being stepped right now. */
	void interrupt(Execution e) {
		if (this.stepping == e) {
			interrupt();
		}
	}

	/**
	 * Stops the statement this connection is running, from any thread (SQLite's
	 * {@code sqlite3_interrupt}): it ends with an error, an open transaction stays usable
	 * for a ROLLBACK, and nothing happens when no statement runs.
	 */
	public void interrupt() {
		if (this.stepping != null && !this.closed.get()) {
			try {
				this.interruptSent = true;
				this.jdbc.getDatabase().interrupt();
			}
			catch (Exception ignored) {
				// Closed meanwhile: nothing left to stop.
			}
		}
	}

	/**
	 * An interrupt that arrives as its statement ends stays pending in SQLite and would stop
	 * the connection's next statement: stepping a statement while none is active clears it.
	 */
	private void clearInterrupt() {
		this.interruptSent = false;
		try (ResultSet rs = this.clearInterrupt.executeQuery()) {
			rs.next();
		}
		catch (Exception ex) {
			// Another statement is still active: SQLite clears the interrupt once none is.
		}
	}

	private void checkOpen() {
		if (this.closed.get()) {
			throw new IllegalStateException("The SQLite connection is closed; take another one.");
		}
	}

	/** Executes a statement that needs no values and returns no rows. */
	private void exec(String sql) throws Exception {
		Execution e = start(prepare(sql));
		try {
			step(e, e.prepared.statement::execute);
		}
		catch (Throwable ex) {
			discard(e);
			throw asException(failure(e, ex));
		}
		release(e);
	}

	// --- transactions -------------------------------------------------------------------

	private void beginIfNeeded() throws Exception {
		if (!this.autoCommit && !this.inTransaction) {
			beginImmediate();
		}
	}

	/** Takes the write lock for a transaction: in line behind the pool's other writers, then SQLite's. */
	private void beginImmediate() throws Exception {
		enterGate(null);
		try {
			exec("BEGIN IMMEDIATE");
		}
		catch (Throwable ex) {
			leaveGate();
			throw ex;
		}
		inTransaction(true);
	}

	/** Waits in line for the write lock; false if the statement's subscriber left first. */
	private boolean enterGate(WriteGate.@Nullable Wait wait) throws Exception {
		if (!this.gate.enter(this.busyTimeout, wait)) {
			return false;
		}
		this.holdsGate = true;
		return true;
	}

	private void leaveGate() {
		if (this.holdsGate) {
			this.holdsGate = false;
			this.gate.leave();
		}
	}

	@Override
	public Mono<Void> beginTransaction() {
		return begin(false);
	}

	@Override
	public Mono<Void> beginTransaction(TransactionDefinition definition) {
		return begin(Boolean.TRUE.equals(definition.getAttribute(TransactionDefinition.READ_ONLY)));
	}

	private Mono<Void> begin(boolean readOnly) {
		return this.worker.call(() -> {
			checkOpen();
			if (this.inTransaction) {
				return null;
			}
			if (readOnly) {
				exec("BEGIN DEFERRED");
				inTransaction(true);
			}
			else {
				beginImmediate();
			}
			return null;
		});
	}

	@Override
	public Mono<Void> commitTransaction() {
		return this.worker.call(() -> {
			if (this.inTransaction) {
				exec("COMMIT");
				inTransaction(false);
			}
			return null;
		});
	}

	@Override
	public Mono<Void> rollbackTransaction() {
		return this.worker.call(() -> {
			if (this.inTransaction) {
				rollback();
			}
			return null;
		});
	}

	/** Rolls back; a transaction SQLite already rolled back itself (after some errors) is no error. */
	private void rollback() throws Exception {
		try {
			exec("ROLLBACK");
		}
		catch (R2dbcException ex) {
			if (!String.valueOf(ex.getMessage()).contains("no transaction is active")) {
				throw ex;
			}
		}
		finally {
			inTransaction(false);
		}
	}

	@Override
	public Mono<Void> createSavepoint(String name) {
		String quoted = quote(name);
		return this.worker.call(() -> {
			checkOpen();
			if (!this.inTransaction) {
				beginImmediate();
			}
			exec("SAVEPOINT " + quoted);
			return null;
		});
	}

	@Override
	public Mono<Void> releaseSavepoint(String name) {
		String quoted = quote(name);
		return this.worker.call(() -> {
			exec("RELEASE SAVEPOINT " + quoted);
			return null;
		});
	}

	@Override
	public Mono<Void> rollbackTransactionToSavepoint(String name) {
		String quoted = quote(name);
		return this.worker.call(() -> {
			exec("ROLLBACK TO SAVEPOINT " + quoted);
			return null;
		});
	}

	private static String quote(String name) {
		return "\"" + name.replace("\"", "\"\"") + "\"";
	}

	@Override
	public boolean isAutoCommit() {
		return this.autoCommit && !this.inTransaction;
	}

	@Override
	public Mono<Void> setAutoCommit(boolean autoCommit) {
		return this.worker.call(() -> {
			if (autoCommit && this.inTransaction) {
				exec("COMMIT");
				inTransaction(false);
			}
			this.autoCommit = autoCommit;
			return null;
		});
	}

	/** Always SERIALIZABLE: SQLite runs one writer at a time and readers see one snapshot. */
	@Override
	public IsolationLevel getTransactionIsolationLevel() {
		return IsolationLevel.SERIALIZABLE;
	}

	/** Accepted and ignored: SQLite's transactions are serializable, which meets every level. */
	@Override
	public Mono<Void> setTransactionIsolationLevel(IsolationLevel isolationLevel) {
		return Mono.empty();
	}

	/** SQLite's busy timeout: how long a statement waits for another connection's lock. */
	@Override
	public Mono<Void> setLockWaitTimeout(Duration timeout) {
		return this.worker.call(() -> {
			this.jdbc.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
			this.busyTimeout = timeout;
			return null;
		});
	}

	/** Statements running longer are interrupted and fail with an {@code R2dbcTimeoutException}. */
	@Override
	public Mono<Void> setStatementTimeout(Duration timeout) {
		this.statementTimeout = (timeout.isZero() || timeout.isNegative()) ? null : timeout;
		return Mono.empty();
	}

	// --- life -----------------------------------------------------------------------------

	@Override
	public Mono<Boolean> validate(ValidationDepth depth) {
		if (this.closed.get() || this.worker.isShutdown()) {
			return Mono.just(false);
		}
		if (depth == ValidationDepth.LOCAL) {
			return Mono.just(true);
		}
		return this.worker.call(() -> {
			exec("SELECT 1");
			return true;
		}).onErrorReturn(false);
	}

	/**
	 * Rolls back an open transaction, closes the statements and the database connection,
	 * then ends the connection's thread. Idempotent.
	 */
	@Override
	public Mono<Void> close() {
		if (!this.closed.compareAndSet(false, true)) {
			return Mono.empty();
		}
		interrupt();
		return this.worker.call(() -> {
			try {
				if (this.inTransaction) {
					rollback();
				}
			}
			catch (Exception ignored) {
				// Closing the database below ends the transaction anyway.
			}
			for (Prepared p : this.statements.values()) {
				p.evict();
			}
			this.statements.clear();
			this.clearInterrupt.close();
			this.jdbc.close();
			leaveGate();
			return null;
		}).then().doFinally((signal) -> this.worker.shutdown());
	}

	@Override
	public ConnectionMetadata getMetadata() {
		String v = this.version;
		return new ConnectionMetadata() {
			@Override
			public String getDatabaseProductName() {
				return "SQLite";
			}

			@Override
			public String getDatabaseVersion() {
				return v;
			}
		};
	}

	@Override
	public String toString() {
		return "SqliteConnection[" + this.jdbc.getUrl() + (this.closed.get() ? ", closed" : "") + "]";
	}

	/** A prepared statement and whether it is in use; touched on the worker only. */
	static final class Prepared {

		final String sql;

		final PreparedStatement statement;

		final boolean cached;

		boolean inUse;

		boolean evicted;

		/** The result's columns, kept when every one has a declared type (then they cannot vary by row). */
		private @Nullable SqliteRowMetadata columns;

		SqliteRowMetadata columns(ResultSet rs) throws java.sql.SQLException {
			java.sql.ResultSetMetaData md = rs.getMetaData();
			SqliteRowMetadata known = this.columns;
			// A statement SQLite prepared again after a schema change may have other columns.
			if (known != null && known.size() == md.getColumnCount()) {
				return known;
			}
			SqliteRowMetadata read = SqliteRowMetadata.of(md);
			if (this.cached && declaresEveryType(md.getColumnCount())) {
				this.columns = read;
			}
			return read;
		}

		private boolean declaresEveryType(int count) throws java.sql.SQLException {
			return ((org.sqlite.core.CoreStatement) this.statement).pointer.safeRunInt((db, ptr) -> {
				for (int i = 0; i < count; i++) {
					if (db.column_decltype(ptr, i) == null) {
						return 0;
					}
				}
				return 1;
			}) == 1;
		}

		Prepared(String sql, PreparedStatement statement, boolean cached) {
			this.sql = sql;
			this.statement = statement;
			this.cached = cached;
		}

		void release() {
			this.inUse = false;
			if (!this.cached || this.evicted) {
				close();
			}
			else {
				try {
					// Reset, not only unbound: SQLite counts a statement that has not been reset as
					// active, and while one is, a stale interrupt is never cleared.
					((org.sqlite.core.CoreStatement) this.statement).pointer.safeRunInt((db, ptr) -> {
						db.reset(ptr);
						return db.clear_bindings(ptr);
					});
				}
				catch (Exception ex) {
					close();
				}
			}
		}

		void evict() {
			this.evicted = true;
			if (!this.inUse) {
				close();
			}
		}

		private void close() {
			try {
				this.statement.close();
			}
			catch (Exception ignored) {
				// Finalized with the database at the latest.
			}
		}

	}

	/** One run of a statement: its statement, its time-out and whether that struck. */
	static final class Execution {

		final Prepared prepared;

		final @Nullable Duration timeout;

		volatile boolean timedOut;

		volatile @Nullable Disposable timer;

		/** Whether the execution holds the gate for an autocommitted write until it is released. */
		boolean gated;

		Execution(Prepared prepared, @Nullable Duration timeout) {
			this.prepared = prepared;
			this.timeout = timeout;
		}

	}

}

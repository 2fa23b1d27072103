package dev.tortoise.connection;

import java.time.Duration;
import java.util.function.Supplier;

import io.r2dbc.spi.Batch;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionMetadata;
import io.r2dbc.spi.IsolationLevel;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Statement;
import io.r2dbc.spi.TransactionDefinition;
import io.r2dbc.spi.ValidationDepth;
import io.r2dbc.spi.Wrapped;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * A connection of an embedded engine (H2) that runs statements on the thread that
 * executes them: every exchange is subscribed to on the connection's scheduler, so that a
 * slow statement blocks one of its threads and never a caller's event loop. What a
 * statement emits is emitted from there; the rows of an H2 result are in memory once the
 * statement has run.
 */
final class OffloadedConnection implements Connection, Wrapped<Connection> {

	private final Connection delegate;

	private final Scheduler scheduler;

	OffloadedConnection(Connection delegate, Scheduler scheduler) {
		this.delegate = delegate;
		this.scheduler = scheduler;
	}

	private Mono<Void> offload(Supplier<? extends Publisher<Void>> exchange) {
		return Mono.defer(() -> Mono.from(exchange.get())).subscribeOn(this.scheduler);
	}

	@Override
	public Publisher<Void> beginTransaction() {
		return offload(this.delegate::beginTransaction);
	}

	@Override
	public Publisher<Void> beginTransaction(TransactionDefinition definition) {
		return offload(() -> this.delegate.beginTransaction(definition));
	}

	@Override
	public Publisher<Void> close() {
		return offload(this.delegate::close);
	}

	@Override
	public Publisher<Void> commitTransaction() {
		return offload(this.delegate::commitTransaction);
	}

	@Override
	public Batch createBatch() {
		Batch batch = this.delegate.createBatch();
		Scheduler on = this.scheduler;
		return new Batch() {
			@Override
			public Batch add(String sql) {
				batch.add(sql);
				return this;
			}

			@Override
			public Publisher<? extends Result> execute() {
				return Flux.defer(batch::execute).subscribeOn(on);
			}
		};
	}

	@Override
	public Publisher<Void> createSavepoint(String name) {
		return offload(() -> this.delegate.createSavepoint(name));
	}

	@Override
	public Statement createStatement(String sql) {
		return new OffloadedStatement(this.delegate.createStatement(sql), this.scheduler);
	}

	@Override
	public boolean isAutoCommit() {
		return this.delegate.isAutoCommit();
	}

	@Override
	public ConnectionMetadata getMetadata() {
		return this.delegate.getMetadata();
	}

	@Override
	public IsolationLevel getTransactionIsolationLevel() {
		return this.delegate.getTransactionIsolationLevel();
	}

	@Override
	public Publisher<Void> releaseSavepoint(String name) {
		return offload(() -> this.delegate.releaseSavepoint(name));
	}

	@Override
	public Publisher<Void> rollbackTransaction() {
		return offload(this.delegate::rollbackTransaction);
	}

	@Override
	public Publisher<Void> rollbackTransactionToSavepoint(String name) {
		return offload(() -> this.delegate.rollbackTransactionToSavepoint(name));
	}

	@Override
	public Publisher<Void> setAutoCommit(boolean autoCommit) {
		return offload(() -> this.delegate.setAutoCommit(autoCommit));
	}

	@Override
	public Publisher<Void> setLockWaitTimeout(Duration timeout) {
		return offload(() -> this.delegate.setLockWaitTimeout(timeout));
	}

	@Override
	public Publisher<Void> setStatementTimeout(Duration timeout) {
		return offload(() -> this.delegate.setStatementTimeout(timeout));
	}

	@Override
	public Publisher<Void> setTransactionIsolationLevel(IsolationLevel isolationLevel) {
		return offload(() -> this.delegate.setTransactionIsolationLevel(isolationLevel));
	}

	@Override
	public Publisher<Boolean> validate(ValidationDepth depth) {
		return Mono.defer(() -> Mono.from(this.delegate.validate(depth))).subscribeOn(this.scheduler);
	}

	@Override
	public Connection unwrap() {
		return this.delegate;
	}

	@Override
	public String toString() {
		return "OffloadedConnection[" + this.delegate + "]";
	}

	/** A statement whose execution runs on the connection's scheduler. */
	private static final class OffloadedStatement implements Statement, Wrapped<Statement> {

		private final Statement delegate;

		private final Scheduler scheduler;

		OffloadedStatement(Statement delegate, Scheduler scheduler) {
			this.delegate = delegate;
			this.scheduler = scheduler;
		}

		@Override
		public Statement add() {
			this.delegate.add();
			return this;
		}

		@Override
		public Statement bind(int index, Object value) {
			this.delegate.bind(index, value);
			return this;
		}

		@Override
		public Statement bind(String name, Object value) {
			this.delegate.bind(name, value);
			return this;
		}

		@Override
		public Statement bindNull(int index, Class<?> type) {
			this.delegate.bindNull(index, type);
			return this;
		}

		@Override
		public Statement bindNull(String name, Class<?> type) {
			this.delegate.bindNull(name, type);
			return this;
		}

		@Override
		public Statement returnGeneratedValues(String... columns) {
			this.delegate.returnGeneratedValues(columns);
			return this;
		}

		@Override
		public Statement fetchSize(int rows) {
			this.delegate.fetchSize(rows);
			return this;
		}

		@Override
		public Publisher<? extends Result> execute() {
			return Flux.defer(this.delegate::execute).subscribeOn(this.scheduler);
		}

		@Override
		public Statement unwrap() {
			return this.delegate;
		}

	}

}

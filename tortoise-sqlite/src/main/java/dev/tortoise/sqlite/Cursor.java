package dev.tortoise.sqlite;

import java.sql.ResultSet;
import java.util.function.BiFunction;

import io.r2dbc.spi.Result.RowSegment;
import io.r2dbc.spi.Result.Segment;
import io.r2dbc.spi.Result.UpdateCount;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;

/**
 * The open result set of a statement that returns rows. Rows are stepped on the
 * connection's thread only as far as subscribers have asked, so a result of any size is
 * read in bounded memory; a cancelled subscriber interrupts a step that is running and
 * closes the cursor, leaving the connection ready for its next statement.
 */
final class Cursor implements SqliteResult.Source {

	private final SqliteConnection connection;

	private final SqliteConnection.Execution execution;

	private final ResultSet rows;

	private final SqliteRowMetadata metadata;

	private final boolean changesRows;

	private volatile boolean cancelled;

	/** Written and read on the connection's thread only. */
	private boolean closed;

	private long read;

	/** Rows read before the cursor was handed out, emitted first. */
	private final java.util.List<SqliteRow> head;

	private int headEmitted;

	Cursor(SqliteConnection connection, SqliteConnection.Execution execution, ResultSet rows,
			SqliteRowMetadata metadata, boolean changesRows, java.util.List<SqliteRow> head) {
		this.connection = connection;
		this.execution = execution;
		this.rows = rows;
		this.metadata = metadata;
		this.changesRows = changesRows;
		this.head = head;
		this.read = head.size();
	}

	@Override
	public <T> Flux<T> rows(BiFunction<Row, RowMetadata, ? extends T> mapping) {
		SqliteRow row = SqliteRow.live(this.metadata, this.rows);
		return stream((cursor) -> mapping.apply(row, this.metadata), (copy) -> mapping.apply(copy, this.metadata));
	}

	@Override
	public Flux<Segment> segments() {
		Flux<Segment> rows = stream((cursor) -> {
			SqliteRow copy = SqliteRow.copy(this.metadata, cursor);
			return (RowSegment) () -> copy;
		}, (copy) -> (RowSegment) () -> copy);
		return this.changesRows ? rows.concatWith(Mono.fromSupplier(() -> (UpdateCount) () -> this.read)) : rows;
	}

	@Override
	public Mono<Long> count() {
		return this.connection.worker().call(() -> {
			try {
				while (step()) {
					this.read++;
				}
			}
			finally {
				close();
			}
			return this.changesRows ? this.read : null;
		});
	}

	@Override
	public void discard() {
		this.cancelled = true;
		this.connection.worker().submit(this::close);
	}

	/** Maps a row while it is current. */
	@FunctionalInterface
	private interface RowMapping<T> {

		T apply(ResultSet cursor) throws Exception;

	}

	private <T> Flux<T> stream(RowMapping<T> mapping, java.util.function.Function<SqliteRow, ? extends T> headMapping) {
		return Flux.create((sink) -> {
			sink.onRequest((n) -> {
				if (!this.connection.worker().submit(() -> fill(sink, mapping, headMapping))) {
					sink.error(this.connection.worker().closed());
				}
			});
			sink.onCancel(() -> {
				this.cancelled = true;
				this.connection.interrupt(this.execution);
				this.connection.worker().submit(this::close);
			});
		});
	}

	private <T> void fill(FluxSink<T> sink, RowMapping<T> mapping,
			java.util.function.Function<SqliteRow, ? extends T> headMapping) {
		if (this.closed) {
			return;
		}
		try {
			while (!this.cancelled && this.headEmitted < this.head.size() && sink.requestedFromDownstream() > 0) {
				T value = headMapping.apply(this.head.get(this.headEmitted++));
				if (value == null) {
					throw new NullPointerException("The mapping function returned null for a row.");
				}
				sink.next(value);
			}
			while (!this.cancelled && sink.requestedFromDownstream() > 0) {
				if (!step()) {
					close();
					sink.complete();
					return;
				}
				this.read++;
				T value = mapping.apply(this.rows);
				if (value == null) {
					throw new NullPointerException("The mapping function returned null for a row.");
				}
				sink.next(value);
			}
			if (this.cancelled) {
				close();
			}
		}
		catch (Throwable ex) {
			close(true);
			if (!this.cancelled) {
				sink.error(this.connection.failure(this.execution, ex));
			}
		}
	}

	private boolean step() throws Exception {
		this.connection.stepping(this.execution, true);
		try {
			return this.rows.next();
		}
		finally {
			this.connection.stepping(this.execution, false);
		}
	}

	/** Closes the result set and hands the statement back; idempotent. */
	void close() {
		close(this.cancelled);
	}

	/** Closes; a statement that failed or was interrupted is finalized rather than kept. */
	private void close(boolean stopped) {
		if (!this.closed) {
			this.closed = true;
			try {
				this.rows.close();
			}
			catch (Exception ignored) {
				// The statement is reset or finalized below either way.
			}
			if (stopped) {
				this.connection.discard(this.execution);
			}
			else {
				this.connection.release(this.execution);
			}
		}
	}


}

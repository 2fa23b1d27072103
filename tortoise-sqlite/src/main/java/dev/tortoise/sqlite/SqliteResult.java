package dev.tortoise.sqlite;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

import io.r2dbc.spi.Readable;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What one execution of a statement gave: a count of changed rows, rows already read, or
 * an open cursor that reads rows as they are asked for. A result is consumed once.
 */
final class SqliteResult implements Result {

	/** Where a result's rows and count come from. */
	interface Source {

		/** The rows, each mapped while it is current; completes when they are all read. */
		<T> Flux<T> rows(BiFunction<Row, RowMetadata, ? extends T> mapping);

		/** The count of changed rows, or nothing for a query. */
		Mono<Long> count();

		/** Rows (copied, to outlive the cursor) and the count, as segments. */
		Flux<Segment> segments();

		/** Gives up the rows: an open cursor is closed. */
		void discard();

	}

	private final Source source;

	private final @Nullable Predicate<Segment> filter;

	private final AtomicBoolean consumed;

	private SqliteResult(Source source, @Nullable Predicate<Segment> filter, AtomicBoolean consumed) {
		this.source = source;
		this.filter = filter;
		this.consumed = consumed;
	}

	static SqliteResult of(Source source) {
		return new SqliteResult(source, null, new AtomicBoolean());
	}

	/** A result that only counts changed rows. */
	static SqliteResult count(long changed) {
		return of(new Counted(changed));
	}

	/** A result of rows already read. */
	static SqliteResult rows(SqliteRowMetadata metadata, List<SqliteRow> rows, long changed) {
		return of(new Read(metadata, rows, changed));
	}

	private boolean claim() {
		return this.consumed.compareAndSet(false, true);
	}

	private static <T> Flux<T> consumedTwice() {
		return Flux.error(new IllegalStateException("This result has already been consumed: a Result can be mapped,"
				+ " counted or filtered once."));
	}

	@Override
	public Mono<Long> getRowsUpdated() {
		if (!claim()) {
			return Mono.from(consumedTwice());
		}
		if (this.filter == null) {
			return this.source.count();
		}
		Predicate<Segment> f = this.filter;
		return this.source.segments()
			.filter(f)
			.ofType(UpdateCount.class)
			.map(UpdateCount::value)
			.reduce(Long::sum);
	}

	@Override
	public <T> Flux<T> map(BiFunction<Row, RowMetadata, ? extends T> mappingFunction) {
		if (!claim()) {
			return consumedTwice();
		}
		if (this.filter == null) {
			return this.source.rows(mappingFunction);
		}
		Predicate<Segment> f = this.filter;
		return this.source.segments()
			.filter(f)
			.ofType(RowSegment.class)
			.map((s) -> mappingFunction.apply(s.row(), s.row().getMetadata()));
	}

	@Override
	public <T> Flux<T> map(Function<? super Readable, ? extends T> mappingFunction) {
		return map((row, metadata) -> mappingFunction.apply(row));
	}

	@Override
	public Result filter(Predicate<Segment> predicate) {
		Predicate<Segment> combined = (this.filter == null) ? predicate : this.filter.and(predicate);
		return new SqliteResult(this.source, combined, this.consumed);
	}

	@Override
	public <T> Flux<T> flatMap(Function<Segment, ? extends Publisher<? extends T>> mappingFunction) {
		if (!claim()) {
			return consumedTwice();
		}
		Flux<Segment> segments = this.source.segments();
		if (this.filter != null) {
			segments = segments.filter(this.filter);
		}
		return segments.concatMap(mappingFunction);
	}

	/** Closes what the result holds when nobody will read it. */
	void discard() {
		if (claim()) {
			this.source.discard();
		}
	}

	/** A statement that changed rows and returned none. */
	private record Counted(long changed) implements Source {

		@Override
		public <T> Flux<T> rows(BiFunction<Row, RowMetadata, ? extends T> mapping) {
			return Flux.empty();
		}

		@Override
		public Mono<Long> count() {
			return Mono.just(this.changed);
		}

		@Override
		public Flux<Segment> segments() {
			return Flux.just((UpdateCount) () -> this.changed);
		}

		@Override
		public void discard() {
		}

	}

	/** Rows read already, with the count of rows the statement changed (-1 for a query). */
	private record Read(SqliteRowMetadata metadata, List<SqliteRow> all, long changed) implements Source {

		@Override
		public <T> Flux<T> rows(BiFunction<Row, RowMetadata, ? extends T> mapping) {
			return Flux.fromIterable(this.all).map((r) -> mapping.apply(r, this.metadata));
		}

		@Override
		public Mono<Long> count() {
			return (this.changed >= 0) ? Mono.just(this.changed) : Mono.empty();
		}

		@Override
		public Flux<Segment> segments() {
			Flux<Segment> rows = Flux.fromIterable(this.all).map((r) -> (RowSegment) () -> r);
			return (this.changed >= 0) ? rows.concatWith(Mono.just((UpdateCount) () -> this.changed)) : rows;
		}

		@Override
		public void discard() {
		}

	}

}

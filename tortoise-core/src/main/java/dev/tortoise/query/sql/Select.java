package dev.tortoise.query.sql;

import java.util.List;

import dev.tortoise.fields.FieldType;
import org.jspecify.annotations.Nullable;

/**
 * {@code SELECT [DISTINCT] columns FROM from [WHERE where] [ORDER BY ...] [LIMIT ... OFFSET ...]
 * [FOR UPDATE ...]}, the limit and offset bound values written as the dialect pages, the
 * lock as the dialect locks rows.
 */
public record Select(List<? extends Part> columns, Part from, @Nullable Condition where, List<Order> orderBy,
		@Nullable Part limit, @Nullable Part offset, boolean distinct, @Nullable Lock lock, List<? extends Part> groupBy,
		@Nullable Condition having) implements Part {

	public Select {
		columns = List.copyOf(columns);
		orderBy = List.copyOf(orderBy);
		groupBy = List.copyOf(groupBy);
	}

	public Select(List<? extends Part> columns, Part from, @Nullable Condition where, List<Order> orderBy,
			@Nullable Part limit, @Nullable Part offset) {
		this(columns, from, where, orderBy, limit, offset, false, null, List.of(), null);
	}

	public Select(List<? extends Part> columns, Part from, @Nullable Condition where, List<Order> orderBy,
			@Nullable Part limit, @Nullable Part offset, boolean distinct, @Nullable Lock lock) {
		this(columns, from, where, orderBy, limit, offset, distinct, lock, List.of(), null);
	}

	/** The same statement grouping its rows ({@code GROUP BY ... [HAVING ...]}). */
	public Select grouped(List<? extends Part> groupBy, @Nullable Condition having) {
		return new Select(this.columns, this.from, this.where, this.orderBy, this.limit, this.offset, this.distinct,
				this.lock, groupBy, having);
	}

	public static Select of(List<? extends Part> columns, Part from, @Nullable Condition where) {
		return new Select(columns, from, where, List.of(), null, null);
	}

	public Select orderBy(List<Order> order) {
		return new Select(this.columns, this.from, this.where, order, this.limit, this.offset, this.distinct, this.lock,
				this.groupBy, this.having);
	}

	public Select page(@Nullable Part limit, @Nullable Part offset) {
		return new Select(this.columns, this.from, this.where, this.orderBy, limit, offset, this.distinct, this.lock,
				this.groupBy, this.having);
	}

	/**
	 * Row locks ({@code FOR UPDATE}): without waiting ({@code NOWAIT}), skipping locked rows
	 * ({@code SKIP LOCKED}), on some of the statement's tables only ({@code OF}).
	 */
	public record Lock(boolean nowait, boolean skipLocked, List<String> of) {

		public Lock {
			of = List.copyOf(of);
		}

	}

	/**
	 * {@code operand ASC|DESC}; the operand's column type, when it is a column, lets a
	 * dialect order by value where the column keeps its values as text.
	 */
	public record Order(Part operand, boolean descending, @Nullable FieldType type) implements Part {

		public Order(Part operand, boolean descending) {
			this(operand, descending, null);
		}

		@Override
		public void render(Context ctx) {
			ctx.dialect().renderValueOf(ctx, this.operand, this.type);
			ctx.sql(this.descending ? " DESC" : " ASC");
		}

	}

	@Override
	public void render(Context ctx) {
		ctx.sql(this.distinct ? "SELECT DISTINCT " : "SELECT ").join(this.columns, ", ").sql(" FROM ").visit(this.from);
		if (this.where != null) {
			ctx.sql(" WHERE ").visit(this.where);
		}
		if (!this.groupBy.isEmpty()) {
			ctx.sql(" GROUP BY ").join(this.groupBy, ", ");
		}
		if (this.having != null) {
			ctx.sql(" HAVING ").visit(this.having);
		}
		if (!this.orderBy.isEmpty()) {
			ctx.sql(" ORDER BY ").join(this.orderBy, ", ");
		}
		if (this.limit != null || this.offset != null) {
			ctx.dialect().renderLimit(ctx, this.limit, this.offset);
		}
		if (this.lock != null) {
			ctx.dialect().renderLock(ctx, this.lock);
		}
	}

}

package dev.tortoise.query.sql;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * {@code SELECT columns FROM from [WHERE where] [ORDER BY ...] [LIMIT ... OFFSET ...]}, the
 * limit and offset bound values written as the dialect pages.
 */
public record Select(List<? extends Part> columns, Part from, @Nullable Condition where, List<Order> orderBy,
		@Nullable Part limit, @Nullable Part offset) implements Part {

	public Select {
		columns = List.copyOf(columns);
		orderBy = List.copyOf(orderBy);
	}

	public static Select of(List<? extends Part> columns, Part from, @Nullable Condition where) {
		return new Select(columns, from, where, List.of(), null, null);
	}

	public Select orderBy(List<Order> order) {
		return new Select(this.columns, this.from, this.where, order, this.limit, this.offset);
	}

	public Select page(@Nullable Part limit, @Nullable Part offset) {
		return new Select(this.columns, this.from, this.where, this.orderBy, limit, offset);
	}

	/** {@code operand ASC|DESC}. */
	public record Order(Part operand, boolean descending) implements Part {

		@Override
		public void render(Context ctx) {
			ctx.visit(this.operand).sql(this.descending ? " DESC" : " ASC");
		}

	}

	@Override
	public void render(Context ctx) {
		ctx.sql("SELECT ").join(this.columns, ", ").sql(" FROM ").visit(this.from);
		if (this.where != null) {
			ctx.sql(" WHERE ").visit(this.where);
		}
		if (!this.orderBy.isEmpty()) {
			ctx.sql(" ORDER BY ").join(this.orderBy, ", ");
		}
		if (this.limit != null || this.offset != null) {
			ctx.dialect().renderLimit(ctx, this.limit, this.offset);
		}
	}

}

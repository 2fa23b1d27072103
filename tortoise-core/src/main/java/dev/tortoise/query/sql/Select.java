package dev.tortoise.query.sql;

import java.util.List;

import dev.tortoise.fields.FieldType;
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

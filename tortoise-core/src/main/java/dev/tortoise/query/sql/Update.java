package dev.tortoise.query.sql;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** {@code UPDATE table SET column = value, ... [WHERE where]}. */
public record Update(Table table, List<Assignment> set, @Nullable Condition where) implements Part {

	public Update {
		set = List.copyOf(set);
	}

	/** {@code column = value}. */
	public record Assignment(String column, Part value) implements Part {

		@Override
		public void render(Context ctx) {
			ctx.name(this.column).sql(" = ").visit(this.value);
		}

	}

	@Override
	public void render(Context ctx) {
		ctx.sql("UPDATE ").visit(this.table).sql(" SET ").join(this.set, ", ");
		if (this.where != null) {
			ctx.sql(" WHERE ").visit(this.where);
		}
	}

}

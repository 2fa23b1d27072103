package dev.tortoise.query.sql;

import org.jspecify.annotations.Nullable;

/** {@code DELETE FROM table [WHERE where]}. */
public record Delete(Table table, @Nullable Condition where) implements Part {

	@Override
	public void render(Context ctx) {
		ctx.sql("DELETE FROM ").visit(this.table);
		if (this.where != null) {
			ctx.sql(" WHERE ").visit(this.where);
		}
	}

}

package dev.tortoise.query.sql;

import java.util.List;

/** A FROM clause: a table (or a derived one) and the tables LEFT JOINed to it. */
public record From(Part table, List<Join> joins) implements Part {

	public From {
		joins = List.copyOf(joins);
	}

	public static From of(Part table) {
		return new From(table, List.of());
	}

	/** {@code LEFT JOIN table ON condition}, or an inner {@code JOIN}. */
	public record Join(Table table, Condition on, boolean left) implements Part {

		public Join(Table table, Condition on) {
			this(table, on, true);
		}

		@Override
		public void render(Context ctx) {
			ctx.sql(this.left ? " LEFT JOIN " : " JOIN ").visit(this.table).sql(" ON ").visit(this.on);
		}

	}

	/** {@code (SELECT ...) "alias"}: a SELECT used as a table. */
	public record Derived(Select select, String alias) implements Part {

		@Override
		public void render(Context ctx) {
			ctx.sql('(').visit(this.select).sql(") ").name(this.alias);
		}

	}

	@Override
	public void render(Context ctx) {
		ctx.visit(this.table);
		for (Join join : this.joins) {
			join.render(ctx);
		}
	}

}

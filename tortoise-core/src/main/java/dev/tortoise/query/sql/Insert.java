package dev.tortoise.query.sql;

import java.util.List;

/** {@code INSERT INTO table (columns) VALUES (...), (...)}: one row of values per list. */
public record Insert(Table table, List<String> columns, List<List<Value>> rows) implements Part {

	public Insert {
		columns = List.copyOf(columns);
		rows = rows.stream().map(List::copyOf).toList();
	}

	@Override
	public void render(Context ctx) {
		ctx.sql("INSERT INTO ").visit(this.table).sql(" (");
		for (int i = 0; i < this.columns.size(); i++) {
			ctx.sql((i > 0) ? ", " : "").name(this.columns.get(i));
		}
		ctx.sql(") VALUES ");
		for (int r = 0; r < this.rows.size(); r++) {
			ctx.sql((r > 0) ? ", (" : "(").join(this.rows.get(r), ", ").sql(')');
		}
	}

}

package dev.tortoise.query.sql;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * {@code INSERT INTO table (columns) VALUES (...), (...)}: one row of values per list, and
 * what to do on a conflict with a unique constraint, as the dialect writes it.
 */
public record Insert(Table table, List<String> columns, List<List<Value>> rows, @Nullable OnConflict onConflict)
		implements Part {

	public Insert {
		columns = List.copyOf(columns);
		rows = rows.stream().map(List::copyOf).toList();
	}

	public Insert(Table table, List<String> columns, List<List<Value>> rows) {
		this(table, columns, rows, null);
	}

	/**
	 * On a conflict with the unique constraint on {@code target} (columns; empty for any):
	 * nothing if {@code update} is empty, else those columns set from the new row.
	 * {@code key} is the unique constraint a database that must name one matches rows on
	 * when {@code target} is empty (H2's MERGE).
	 */
	public record OnConflict(List<String> target, List<String> update, List<String> key) {

		public OnConflict {
			target = List.copyOf(target);
			update = List.copyOf(update);
			key = List.copyOf(key);
		}

	}

	@Override
	public void render(Context ctx) {
		if (this.onConflict != null) {
			ctx.dialect().renderUpsert(ctx, this);
			return;
		}
		renderPlain(ctx, "INSERT INTO ");
	}

	/** The INSERT without its conflict clause, after {@code keyword} ({@code INSERT IGNORE INTO}, say). */
	public void renderPlain(Context ctx, String keyword) {
		ctx.sql(keyword).visit(this.table).sql(" (");
		for (int i = 0; i < this.columns.size(); i++) {
			ctx.sql((i > 0) ? ", " : "").name(this.columns.get(i));
		}
		ctx.sql(") VALUES ");
		for (int r = 0; r < this.rows.size(); r++) {
			ctx.sql((r > 0) ? ", (" : "(").join(this.rows.get(r), ", ").sql(')');
		}
	}

}

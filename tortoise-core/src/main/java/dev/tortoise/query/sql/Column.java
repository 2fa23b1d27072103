package dev.tortoise.query.sql;

import org.jspecify.annotations.Nullable;

/** A column, qualified by its table's alias if it has one: {@code "alias"."column"}. */
public record Column(@Nullable String table, String name) implements Part {

	public static Column of(String name) {
		return new Column(null, name);
	}

	@Override
	public void render(Context ctx) {
		if (this.table != null) {
			ctx.name(this.table).sql('.');
		}
		ctx.name(this.name);
	}

}

package dev.tortoise.query.sql;

import org.jspecify.annotations.Nullable;

/**
 * A table, in its schema if it has one, with the alias a statement knows it by if it has
 * one: {@code "schema"."table" "alias"}.
 */
public record Table(@Nullable String schema, String name, @Nullable String alias) implements Part {

	public Table(String name, @Nullable String alias) {
		this(null, name, alias);
	}

	public static Table of(String name) {
		return new Table(null, name, null);
	}

	public static Table of(@Nullable String schema, String name) {
		return new Table(schema, name, null);
	}

	/** The name its columns are qualified with: the alias, else the table's name. */
	public String reference() {
		return (this.alias != null) ? this.alias : this.name;
	}

	@Override
	public void render(Context ctx) {
		if (this.schema != null) {
			ctx.name(this.schema).sql('.');
		}
		ctx.name(this.name);
		if (this.alias != null && !this.alias.equals(this.name)) {
			ctx.sql(' ').name(this.alias);
		}
	}

}

package dev.tortoise.query.sql;

import org.jspecify.annotations.Nullable;

/** A table, with the alias a statement knows it by if it has one: {@code "table" "alias"}. */
public record Table(String name, @Nullable String alias) implements Part {

	public static Table of(String name) {
		return new Table(name, null);
	}

	/** The name its columns are qualified with: the alias, else the table's name. */
	public String reference() {
		return (this.alias != null) ? this.alias : this.name;
	}

	@Override
	public void render(Context ctx) {
		ctx.name(this.name);
		if (this.alias != null && !this.alias.equals(this.name)) {
			ctx.sql(' ').name(this.alias);
		}
	}

}

package dev.tortoise.query.sql;

import java.util.List;

/**
 * A statement's text, written once, and the values of its placeholders in order. Immutable,
 * so it is cached and shared by every call of the same shape.
 */
public record Compiled(String text, List<Value> values) {

	public Compiled {
		values = List.copyOf(values);
	}

	/** Binds a call's values, placeholder by placeholder. */
	public void bind(Bindings bindings) {
		for (int i = 0, n = this.values.size(); i < n; i++) {
			this.values.get(i).bind(bindings);
		}
	}

	@Override
	public String toString() {
		return this.text;
	}

}

package dev.tortoise.query.sql;

import java.util.ArrayList;
import java.util.List;

import dev.tortoise.schema.Dialect;

/**
 * What a tree renders into: the text for one dialect and the values of its placeholders,
 * in the order they appear (jOOQ's render context, Komapper's statement buffer).
 */
public final class Context {

	private final Dialect dialect;

	private final StringBuilder text = new StringBuilder(128);

	private final List<Value> values = new ArrayList<>();

	/** What each value is wrapped in as it is placed: a subquery's read its own arguments. */
	private java.util.function.UnaryOperator<Value> placing = java.util.function.UnaryOperator.identity();

	private Context(Dialect dialect) {
		this.dialect = dialect;
	}

	/** Renders a tree for a dialect. */
	public static Compiled render(Dialect dialect, Part tree) {
		Context ctx = new Context(dialect);
		tree.render(ctx);
		return new Compiled(ctx.text.toString(), ctx.values);
	}

	public Dialect dialect() {
		return this.dialect;
	}

	public Context sql(String sql) {
		this.text.append(sql);
		return this;
	}

	public Context sql(char c) {
		this.text.append(c);
		return this;
	}

	/** An identifier, quoted. Only names taken from the models reach here. */
	public Context name(String identifier) {
		this.text.append(this.dialect.quote(identifier));
		return this;
	}

	public Context visit(Part part) {
		part.render(this);
		return this;
	}

	/** The parts, with a separator between them. */
	public Context join(List<? extends Part> parts, String separator) {
		for (int i = 0; i < parts.size(); i++) {
			if (i > 0) {
				this.text.append(separator);
			}
			parts.get(i).render(this);
		}
		return this;
	}

	/**
	 * The left operand of a comparison with {@code other}: when that is a bound value, as the
	 * dialect compares values of its column type ({@link Dialect#renderValueOf}).
	 */
	public Context compared(Part operand, Part other) {
		this.dialect.renderValueOf(this, operand, (other instanceof Value v) ? v.columnType() : null);
		return this;
	}

	/** A placeholder for a value, numbered as the dialect numbers them. */
	public Context param(Value value) {
		Value placed = this.placing.apply(value);
		this.values.add(placed);
		this.text.append(this.dialect.placeholder(this.values.size(), value.columnType()));
		return this;
	}

	/**
	 * Renders a part whose values bind through {@code wrap} (a nested statement whose values
	 * come from arguments of its own), then goes on as before.
	 */
	public Context nested(Part part, java.util.function.UnaryOperator<Value> wrap) {
		java.util.function.UnaryOperator<Value> outer = this.placing;
		this.placing = (v) -> outer.apply(wrap.apply(v));
		try {
			part.render(this);
		}
		finally {
			this.placing = outer;
		}
		return this;
	}

}

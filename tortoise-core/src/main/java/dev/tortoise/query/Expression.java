package dev.tortoise.query;

/**
 * A value computed by the database from a row, as Tortoise's expressions: a field
 * ({@link F#of}) and arithmetic on it. Used as a value of {@link QuerySet#update} (an atomic
 * {@code stock = stock - 1}) and of filters ({@code filter("prize__gt", F.of("minimum"))}).
 * Numbers in it are bound parameters; fields are checked against the model and quoted.
 */
public interface Expression {

	/** This plus a number or another expression. */
	default Expression plus(Object other) {
		return new Arithmetic(this, "+", other);
	}

	/** This minus a number or another expression. */
	default Expression minus(Object other) {
		return new Arithmetic(this, "-", other);
	}

	/** This times a number or another expression. */
	default Expression times(Object other) {
		return new Arithmetic(this, "*", other);
	}

	/** This divided by a number or another expression (each database's own division: integers may truncate). */
	default Expression div(Object other) {
		return new Arithmetic(this, "/", other);
	}

}

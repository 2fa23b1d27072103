package dev.tortoise.query;

import java.util.Objects;

/**
 * A field of the row, as Tortoise's {@code F("stock")}: {@code F.of("stock").minus(1)} in
 * an update is computed by the database in one statement, without a race; in a filter it
 * compares two columns. A key may follow relations ({@code tournament__name}) in filters.
 */
public final class F implements Expression {

	private final String field;

	private F(String field) {
		this.field = field;
	}

	/** The field named {@code field} (a Java field name, a relation's {@code _id} name, or a path). */
	public static F of(String field) {
		Objects.requireNonNull(field, "field");
		return new F(field);
	}

	/** The field's name as given. */
	public String field() {
		return this.field;
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof F other && other.field.equals(this.field);
	}

	@Override
	public int hashCode() {
		return this.field.hashCode();
	}

	@Override
	public String toString() {
		return "F(" + this.field + ")";
	}

}

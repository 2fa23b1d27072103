package dev.tortoise.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Tortoise's functions and aggregates as {@link Expression}s, for {@link QuerySet#annotate},
 * {@link QuerySet#aggregate}, filters and orderings. As in Tortoise, the first argument names
 * a field (following relations with {@code __}; an aggregate may go through relations that
 * hold many rows, {@code count("events")}), and later ones are literals unless given as
 * {@link F#of}. Literals are bound parameters.
 */
public final class Functions {

	private Functions() {
	}

	/** {@code COUNT(field)}: the rows, or related rows, where the field is not NULL. */
	public static Expression count(String field) {
		return count(field, false);
	}

	/** {@code COUNT([DISTINCT] field)}. */
	public static Expression count(String field, boolean distinct) {
		return new Aggregate("COUNT", F.of(field), distinct, null);
	}

	/** {@code SUM(field)} of a number field. */
	public static Expression sum(String field) {
		return new Aggregate("SUM", F.of(field), false, null);
	}

	/** {@code AVG(field)} of a number field. */
	public static Expression avg(String field) {
		return new Aggregate("AVG", F.of(field), false, null);
	}

	/** {@code MIN(field)}. */
	public static Expression min(String field) {
		return new Aggregate("MIN", F.of(field), false, null);
	}

	/** {@code MAX(field)}. */
	public static Expression max(String field) {
		return new Aggregate("MAX", F.of(field), false, null);
	}

	/**
	 * An aggregate over only the rows that match {@code filter}, as Tortoise's
	 * {@code _filter}: {@code count("events", Q.of("events__prize__gte", 10))} counts the
	 * events with a prize of at least 10 ({@code COUNT(CASE WHEN ... THEN ... END)}).
	 */
	public static Expression count(String field, Q filter) {
		return new Aggregate("COUNT", F.of(field), false, filter);
	}

	/** {@link #sum(String)} over the rows that match {@code filter}. */
	public static Expression sum(String field, Q filter) {
		return new Aggregate("SUM", F.of(field), false, filter);
	}

	/** {@link #avg(String)} over the rows that match {@code filter}. */
	public static Expression avg(String field, Q filter) {
		return new Aggregate("AVG", F.of(field), false, filter);
	}

	/** {@link #min(String)} over the rows that match {@code filter}. */
	public static Expression min(String field, Q filter) {
		return new Aggregate("MIN", F.of(field), false, filter);
	}

	/** {@link #max(String)} over the rows that match {@code filter}. */
	public static Expression max(String field, Q filter) {
		return new Aggregate("MAX", F.of(field), false, filter);
	}

	/** {@code LOWER(field)}. */
	public static Expression lower(String field) {
		return new Function("LOWER", List.of(F.of(field)));
	}

	/** {@code UPPER(field)}. */
	public static Expression upper(String field) {
		return new Function("UPPER", List.of(F.of(field)));
	}

	/** The length of a text field in characters. */
	public static Expression length(String field) {
		return new Function("LENGTH", List.of(F.of(field)));
	}

	/** {@code TRIM(field)}: without leading and trailing spaces. */
	public static Expression trim(String field) {
		return new Function("TRIM", List.of(F.of(field)));
	}

	/** The first of the field and the other values that is not NULL. */
	public static Expression coalesce(String field, Object... others) {
		return new Function("COALESCE", arguments(field, others));
	}

	/** The field and the other values joined as text. */
	public static Expression concat(String field, Object... others) {
		return new Function("CONCAT", arguments(field, others));
	}

	private static List<Object> arguments(String field, Object... others) {
		List<Object> args = new ArrayList<>(others.length + 1);
		args.add(F.of(field));
		for (Object other : others) {
			args.add(Objects.requireNonNull(other, "a function's literal argument is never null; leave it out"));
		}
		return List.copyOf(args);
	}

	/** An aggregate over the rows a query groups: {@code COUNT}, {@code SUM}, {@code AVG}, {@code MIN}, {@code MAX}. */
	record Aggregate(String function, F field, boolean distinct, @org.jspecify.annotations.Nullable Q filter)
			implements Expression {

		@Override
		public String toString() {
			return this.function + "(" + (this.distinct ? "DISTINCT " : "") + this.field.field()
					+ ((this.filter != null) ? ", filter=" + this.filter : "") + ")";
		}

	}

	/** A function of a row: its arguments are expressions or literals. */
	record Function(String function, List<Object> args) implements Expression {

		@Override
		public String toString() {
			return this.function + this.args;
		}

	}

}

package dev.tortoise.query.sql;

import java.util.List;

/** A boolean expression of a WHERE, ON or HAVING clause. */
public interface Condition extends Part {

	/** TRUE or FALSE, written so that every database takes it ({@code 1=1}, {@code 1=0}). */
	Condition TRUE = (ctx) -> ctx.sql("1=1");

	Condition FALSE = (ctx) -> ctx.sql("1=0");

	static Condition compare(Part left, String operator, Part right) {
		return new Compare(left, operator, right);
	}

	static Condition isNull(Part operand) {
		return new IsNull(operand, false);
	}

	static Condition isNotNull(Part operand) {
		return new IsNull(operand, true);
	}

	/** All of the conditions, in parentheses; one is itself, and none is TRUE. */
	static Condition and(List<? extends Condition> conditions) {
		return (conditions.size() == 1) ? conditions.get(0) : conditions.isEmpty() ? TRUE : new And(conditions, true);
	}

	/**
	 * All of the conditions without parentheses, for a clause of their own or an operand of
	 * OR (AND binds tighter); one is itself, and none is TRUE.
	 */
	static Condition all(List<? extends Condition> conditions) {
		return (conditions.size() == 1) ? conditions.get(0) : conditions.isEmpty() ? TRUE : new And(conditions, false);
	}

	/** Any of the conditions; one is itself, and none is FALSE. */
	static Condition or(List<? extends Condition> conditions) {
		return (conditions.size() == 1) ? conditions.get(0) : conditions.isEmpty() ? FALSE : new Or(conditions);
	}

	static Condition not(Condition condition) {
		return new Not(condition);
	}

	/** {@code left op right}. */
	record Compare(Part left, String operator, Part right) implements Condition {

		@Override
		public void render(Context ctx) {
			ctx.compared(this.left, this.right).sql(' ').sql(this.operator).sql(' ').visit(this.right);
		}

	}

	/** {@code operand IS [NOT] NULL}. */
	record IsNull(Part operand, boolean not) implements Condition {

		@Override
		public void render(Context ctx) {
			ctx.visit(this.operand).sql(this.not ? " IS NOT NULL" : " IS NULL");
		}

	}

	/** {@code operand BETWEEN low AND high}. */
	record Between(Part operand, Part low, Part high) implements Condition {

		@Override
		public void render(Context ctx) {
			ctx.compared(this.operand, this.low).sql(" BETWEEN ").visit(this.low).sql(" AND ").visit(this.high);
		}

	}

	/** {@code operand [NOT] IN (v1, v2, ...)}, a list of at least one value. */
	record In(Part operand, List<? extends Part> values, boolean not) implements Condition {

		public In {
			values = List.copyOf(values);
		}

		@Override
		public void render(Context ctx) {
			ctx.compared(this.operand, this.values.get(0)).sql(this.not ? " NOT IN (" : " IN (").join(this.values, ", ")
				.sql(')');
		}

	}

	/** {@code operand} equals an element of an array bound as one value, as the dialect writes it. */
	record AnyOf(Part operand, Value array) implements Condition {

		@Override
		public void render(Context ctx) {
			ctx.dialect().renderAnyOf(ctx, this.operand, this.array);
		}

	}

	/** {@code operand LIKE pattern}, escaping with a backslash, as the dialect writes it with or without case. */
	record Like(Part operand, Value pattern, boolean ignoreCase) implements Condition {

		@Override
		public void render(Context ctx) {
			ctx.dialect().renderLike(ctx, this.operand, this.pattern, this.ignoreCase);
		}

	}

	/** {@code operand IN (SELECT ...)}. */
	record InSubquery(Part operand, Select select) implements Condition {

		@Override
		public void render(Context ctx) {
			ctx.visit(this.operand).sql(" IN (").visit(this.select).sql(')');
		}

	}

	/** {@code [NOT] EXISTS (SELECT ...)}. */
	record Exists(Select select, boolean not) implements Condition {

		@Override
		public void render(Context ctx) {
			ctx.sql(this.not ? "NOT EXISTS (" : "EXISTS (").visit(this.select).sql(')');
		}

	}

	/** {@code (a AND b ...)}, or without the parentheses where nothing binds tighter around it. */
	record And(List<? extends Condition> conditions, boolean grouped) implements Condition {

		public And {
			conditions = List.copyOf(conditions);
		}

		@Override
		public void render(Context ctx) {
			if (this.grouped) {
				ctx.sql('(').join(this.conditions, " AND ").sql(')');
			}
			else {
				ctx.join(this.conditions, " AND ");
			}
		}

	}

	/** {@code (a OR b ...)}. */
	record Or(List<? extends Condition> conditions) implements Condition {

		public Or {
			conditions = List.copyOf(conditions);
		}

		@Override
		public void render(Context ctx) {
			ctx.sql('(').join(this.conditions, " OR ").sql(')');
		}

	}

	/** {@code NOT (condition)}. */
	record Not(Condition condition) implements Condition {

		@Override
		public void render(Context ctx) {
			ctx.sql("NOT (").visit(this.condition).sql(')');
		}

	}

}

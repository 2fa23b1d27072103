package dev.tortoise.query;

/** Arithmetic on two operands ({@link Expression#plus} and its kin), rendered in parentheses. */
record Arithmetic(Expression left, String operator, Object right) implements Expression {

	@Override
	public String toString() {
		return "(" + this.left + " " + this.operator + " " + this.right + ")";
	}

}

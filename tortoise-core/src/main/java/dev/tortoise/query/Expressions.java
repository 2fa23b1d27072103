package dev.tortoise.query;

import java.util.ArrayList;
import java.util.List;

import dev.tortoise.exceptions.FieldException;
import dev.tortoise.exceptions.ParamsException;
import dev.tortoise.fields.FieldType;
import dev.tortoise.models.FieldMeta;
import dev.tortoise.query.sql.Bindings;
import dev.tortoise.query.sql.Params;
import dev.tortoise.query.sql.Part;
import dev.tortoise.query.sql.Value;

/**
 * Expressions as SQL: fields resolved through the statement's joins and quoted, numbers bound
 * from the call's argument that holds the whole expression, so that a written statement is
 * bound again for every expression of the same {@link #shape}.
 */
final class Expressions {

	private Expressions() {
	}

	/** The field types arithmetic takes. */
	private static boolean numeric(FieldType type) {
		return type.isInteger() || type == FieldType.DECIMAL || type == FieldType.FLOAT;
	}

	/**
	 * The expression as a part of a statement; its numbers are read from the call's argument
	 * {@code arg}, which holds the expression itself. {@code ownColumnsOnly} refuses fields
	 * behind relations (an UPDATE has no joins).
	 */
	static Part compile(Expression e, Joins joins, int arg, boolean ownColumnsOnly) {
		return compile(e, joins, arg, ownColumnsOnly, new int[] { 0 }, false, false);
	}

	/** Whether the expression holds an aggregate, which makes its query group its rows. */
	static boolean aggregates(Expression e) {
		if (e instanceof Functions.Aggregate) {
			return true;
		}
		if (e instanceof Arithmetic a) {
			return aggregates(a.left()) || (a.right() instanceof Expression r && aggregates(r));
		}
		if (e instanceof Functions.Function f) {
			return f.args().stream().anyMatch((x) -> x instanceof Expression x2 && aggregates(x2));
		}
		return false;
	}

	private static Part compile(Expression e, Joins joins, int arg, boolean ownColumnsOnly, int[] literal,
			boolean arithmetic, boolean inAggregate) {
		if (e instanceof F f) {
			if (ownColumnsOnly && f.field().contains("__")) {
				throw new FieldException("F(\"" + f.field() + "\") names a field behind a relation; an update can read"
						+ " only the model's own fields.");
			}
			Joins.Target target = joins.resolve(f.field(), inAggregate);
			if (!"exact".equals(target.lookup()) || f.field().endsWith("__exact")) {
				throw new FieldException("F(\"" + f.field() + "\") names a lookup; give a field.");
			}
			FieldType type = Params.dataField(target.field()).type();
			if (arithmetic && !numeric(type)) {
				throw new FieldException("F(\"" + f.field() + "\") is a " + type + " field of "
						+ target.field().owner().name() + "; arithmetic needs a number field (int, decimal, float).");
			}
			return target.column();
		}
		if (e instanceof Arithmetic a) {
			Part left = compile(a.left(), joins, arg, ownColumnsOnly, literal, true, inAggregate);
			Part right;
			if (a.right() instanceof Expression r) {
				right = compile(r, joins, arg, ownColumnsOnly, literal, true, inAggregate);
			}
			else if (a.right() instanceof Number) {
				right = new Literal(arg, literal[0]++);
			}
			else {
				throw new ParamsException("Arithmetic on " + a.left() + " takes a number or an expression, got "
						+ ((a.right() == null) ? "null" : a.right().getClass().getSimpleName()) + ".");
			}
			return (ctx) -> ctx.sql('(').visit(left).sql(' ').sql(a.operator()).sql(' ').visit(right).sql(')');
		}
		if (e instanceof Functions.Aggregate g) {
			if (ownColumnsOnly) {
				throw new ParamsException("An update cannot set a field to an aggregate (" + g + ").");
			}
			boolean numeric = g.function().equals("SUM") || g.function().equals("AVG");
			Part through = (g.function().equals("COUNT") && g.filter() == null)
					? joins.relatedKeyThroughOnly(g.field().field()) : null;
			if (through != null) {
				// Counting a many-to-many's rows: its through table holds one per related row.
				return (ctx) -> ctx.sql("COUNT").sql(g.distinct() ? "(DISTINCT " : "(").visit(through).sql(')');
			}
			Part field = compile(g.field(), joins, arg, false, literal, numeric, true);
			// Where a database keeps a type as text (SQLite's decimals), the aggregate reads its value.
			FieldType type = Params.dataField(joins.resolve(g.field().field(), true).field()).type();
			Part condition = null;
			if (g.filter() != null) {
				// The filter's values are numbers of the expression too, after those before it.
				int first = literal[0];
				literal[0] += Filters.leafCount(List.of(g.filter()));
				dev.tortoise.query.sql.Condition where = Filters.where(List.of(g.filter()), new Filters.Build(joins, 0, true));
				condition = (ctx) -> ctx.nested(where,
						(v) -> new Rebound(v, (b) -> literals((Expression) b.arg(arg)), first));
			}
			Part when = condition;
			return (ctx) -> {
				ctx.sql(g.function()).sql(g.distinct() ? "(DISTINCT " : "(");
				if (when != null) {
					ctx.sql("CASE WHEN ").visit(when).sql(" THEN ");
				}
				ctx.dialect().renderValueOf(ctx, field, type);
				if (when != null) {
					ctx.sql(" END");
				}
				ctx.sql(')');
			};
		}
		if (e instanceof Functions.Function fn) {
			List<Part> args = new ArrayList<>(fn.args().size());
			for (Object x : fn.args()) {
				if (x instanceof Expression inner) {
					args.add(compile(inner, joins, arg, ownColumnsOnly, literal, false, inAggregate));
				}
				else {
					args.add(new Literal(arg, literal[0]++));
				}
			}
			return (ctx) -> ctx.dialect().renderFunction(ctx, fn.function(), args);
		}
		throw new ParamsException("Unknown expression " + e + ".");
	}

	/**
	 * What the text of an expression depends on: its fields and operators and the class of
	 * each number, not the numbers themselves.
	 */
	static Object shape(Expression e) {
		if (e instanceof Subquery s) {
			return s.shape();
		}
		if (e instanceof Arithmetic a) {
			Object right = (a.right() instanceof Expression r) ? shape(r)
					: (a.right() != null) ? a.right().getClass() : "null";
			return List.of(shape(a.left()), a.operator(), right);
		}
		if (e instanceof Functions.Aggregate g && g.filter() != null) {
			Object filter = Filters.shape(List.of(g.filter()));
			return (filter == null) ? new Object() : java.util.Arrays.asList(g.function(), g.field(), g.distinct(), filter);
		}
		if (e instanceof Functions.Function fn) {
			List<Object> args = new ArrayList<>();
			args.add(fn.function());
			for (Object x : fn.args()) {
				args.add((x instanceof Expression inner) ? shape(inner) : x.getClass());
			}
			return args;
		}
		return e; // F and aggregates hold no literal: they are their own shape
	}

	/** The numbers of an expression, in the order {@link #compile} numbers them. */
	static List<Object> literals(Expression e) {
		List<Object> out = new ArrayList<>();
		collect(e, out);
		return out;
	}

	private static void collect(Expression e, List<Object> out) {
		if (e instanceof Functions.Aggregate g && g.filter() != null) {
			Object[] values = new Object[Filters.leafCount(List.of(g.filter()))];
			Filters.args(List.of(g.filter()), values, 0);
			out.addAll(java.util.Arrays.asList(values));
			return;
		}
		if (e instanceof Functions.Function fn) {
			for (Object x : fn.args()) {
				if (x instanceof Expression inner) {
					collect(inner, out);
				}
				else {
					out.add(x);
				}
			}
			return;
		}
		if (e instanceof Arithmetic a) {
			collect(a.left(), out);
			if (a.right() instanceof Expression r) {
				collect(r, out);
			}
			else {
				out.add(a.right());
			}
		}
	}

	/** The {@code index}-th number of the expression the call's argument {@code arg} holds. */
	private record Literal(int arg, int index) implements Value {

		@Override
		public void bind(Bindings b) {
			Object value = literals((Expression) b.arg(this.arg)).get(this.index);
			b.bind(value, value.getClass());
		}

	}

}

package dev.tortoise.schema;

import java.util.List;

import dev.tortoise.fields.FieldType;
import dev.tortoise.query.sql.Context;
import dev.tortoise.query.sql.Part;
import dev.tortoise.query.sql.Value;
import dev.tortoise.types.TypeHandler;

/**
 * Layout shared by PostgreSQL and H2: constraints inline, indexes as separate
 * {@code CREATE INDEX} statements, comments as {@code COMMENT ON} statements, lists bound
 * as one array ({@code = ANY($1)}).
 */
abstract class StandardDialect extends Dialect {

	@Override
	public String quote(String identifier) {
		return "\"" + identifier.replace("\"", "\"\"") + "\"";
	}

	/** Key-like types only (integers, text, UUID), whose arrays both drivers bind. */
	@Override
	public boolean bindsArray(FieldType type) {
		return TypeHandler.of(type).keyLike();
	}

	@Override
	public void renderAnyOf(Context ctx, Part operand, Value array) {
		ctx.visit(operand).sql(" = ANY(").visit(array).sql(')');
	}

	@Override
	List<String> createTable(TableSpec table, boolean safe) {
		List<String> out = inlineCreateTable(table, safe, (comment) -> "");
		for (TableSpec.Column c : table.columns()) {
			if (!c.comment().isEmpty()) {
				out.add("COMMENT ON COLUMN " + qualified(table.schema(), table.table()) + "." + quote(c.name()) + " IS "
						+ literal(c.comment()) + ";");
			}
		}
		if (!table.comment().isEmpty()) {
			out.add("COMMENT ON TABLE " + qualified(table.schema(), table.table()) + " IS " + literal(table.comment()) + ";");
		}
		return out;
	}

	@Override
	List<String> createThrough(TableSpec.Through t, boolean safe) {
		return inlineCreateThrough(t, safe, (comment) -> "", t.comment().isEmpty() ? List.of()
				: List.of("COMMENT ON TABLE " + qualified(t.schema(), t.table()) + " IS " + literal(t.comment()) + ";"));
	}

	@Override
	String commentLiteral(String comment) {
		return literal(comment);
	}

	/** A comment's text as a string literal. */
	String literal(String text) {
		return "'" + text.replace("'", "''") + "'";
	}

}

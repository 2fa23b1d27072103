package dev.tortoise.schema;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

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
		String exists = safe ? "IF NOT EXISTS " : "";
		List<String> lines = new ArrayList<>();
		for (TableSpec.Column c : table.columns()) {
			String sql = columnSql(c);
			if (c.reference() != null) {
				sql += references(c.reference());
			}
			lines.add(sql);
		}
		for (List<String> unique : table.uniqueTogether()) {
			lines.add("CONSTRAINT " + quote(indexName("uid", table.table(), unique)) + " UNIQUE ("
					+ columnList(unique) + ")");
		}
		List<String> out = new ArrayList<>();
		out.add("CREATE TABLE " + exists + quote(table.table()) + " (\n    " + String.join(",\n    ", lines) + "\n);");
		Set<String> seen = new LinkedHashSet<>();
		for (List<String> index : table.indexes()) {
			String name = indexName("idx", table.table(), index);
			if (seen.add(name)) {
				out.add("CREATE INDEX " + exists + quote(name) + " ON " + quote(table.table()) + " ("
						+ columnList(index) + ");");
			}
		}
		for (TableSpec.Column c : table.columns()) {
			if (!c.comment().isEmpty()) {
				out.add("COMMENT ON COLUMN " + quote(table.table()) + "." + quote(c.name()) + " IS "
						+ literal(c.comment()) + ";");
			}
		}
		if (!table.comment().isEmpty()) {
			out.add("COMMENT ON TABLE " + quote(table.table()) + " IS " + literal(table.comment()) + ";");
		}
		return out;
	}

	@Override
	List<String> createThrough(TableSpec.Through t, boolean safe) {
		String exists = safe ? "IF NOT EXISTS " : "";
		List<String> out = new ArrayList<>();
		out.add("CREATE TABLE " + exists + quote(t.table()) + " (\n    " + quote(t.backwardKey()) + " "
				+ t.backwardType() + " NOT NULL" + (t.constraints() ? references(t.backward()) : "") + ",\n    "
				+ quote(t.forwardKey()) + " " + t.forwardType() + " NOT NULL"
				+ (t.constraints() ? references(t.forward()) : "") + "\n);");
		if (!t.comment().isEmpty()) {
			out.add("COMMENT ON TABLE " + quote(t.table()) + " IS " + literal(t.comment()) + ";");
		}
		if (t.uniqueIndex()) {
			List<String> columns = List.of(t.backwardKey(), t.forwardKey());
			out.add("CREATE UNIQUE INDEX " + exists + quote(indexName("uidx", t.table(), columns)) + " ON "
					+ quote(t.table()) + " (" + columnList(columns) + ");");
		}
		return out;
	}

	private String references(TableSpec.Reference r) {
		return " REFERENCES " + quote(r.table()) + " (" + quote(r.column()) + ") ON DELETE " + r.onDelete().sql();
	}

	private static String literal(String text) {
		return "'" + text.replace("'", "''") + "'";
	}

}

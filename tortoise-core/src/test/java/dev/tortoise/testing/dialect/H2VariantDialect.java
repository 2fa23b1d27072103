package dev.tortoise.testing.dialect;

import java.util.Set;

import dev.tortoise.fields.FieldType;
import dev.tortoise.query.sql.Context;
import dev.tortoise.query.sql.Part;
import dev.tortoise.query.sql.Value;
import dev.tortoise.schema.H2Dialect;
import org.jspecify.annotations.Nullable;

/**
 * A dialect added the way a new database is: one class, registered in
 * {@code META-INF/services/dev.tortoise.schema.Dialect} of the test resources, and nothing
 * else changed. It speaks H2 as a more standard SQL database would: standard paging
 * ({@code OFFSET n ROWS FETCH NEXT m ROWS ONLY}), lists bound one value at a time, and
 * case-insensitive LIKE by lower-casing both sides. Engine {@code h2variant}, URLs
 * {@code h2variant://:memory:}.
 */
public final class H2VariantDialect extends H2Dialect {

	public H2VariantDialect() {
	}

	@Override
	public String name() {
		return "h2variant";
	}

	@Override
	public Set<String> aliases() {
		return Set.of();
	}

	@Override
	public Set<String> drivers() {
		return Set.of(); // r2dbc:h2: URLs stay H2's
	}

	@Override
	public boolean bindsArray(FieldType type) {
		return false;
	}

	@Override
	public void renderLike(Context ctx, Part operand, Value pattern, boolean ignoreCase) {
		if (ignoreCase) {
			ctx.sql("LOWER(").visit(operand).sql(") LIKE LOWER(").visit(pattern).sql(')');
		}
		else {
			ctx.visit(operand).sql(" LIKE ").visit(pattern);
		}
	}

	@Override
	public void renderLimit(Context ctx, @Nullable Part limit, @Nullable Part offset) {
		if (offset != null) {
			ctx.sql(" OFFSET ").visit(offset).sql(" ROWS");
		}
		if (limit != null) {
			ctx.sql((offset != null) ? " FETCH NEXT " : " FETCH FIRST ").visit(limit).sql(" ROWS ONLY");
		}
	}

}

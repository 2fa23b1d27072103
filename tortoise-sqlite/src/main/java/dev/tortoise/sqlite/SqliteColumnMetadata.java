package dev.tortoise.sqlite;

import java.util.Locale;

import io.r2dbc.spi.ColumnMetadata;
import io.r2dbc.spi.Nullability;
import io.r2dbc.spi.R2dbcType;
import io.r2dbc.spi.Type;

/**
 * A result column: its name and declared type. SQLite types values, not columns, so the
 * Java type is what the declared type's affinity suggests (SQLite's rules), Object when a
 * column is an expression.
 */
record SqliteColumnMetadata(String name, String declaredType) implements ColumnMetadata {

	@Override
	public String getName() {
		return this.name;
	}

	@Override
	public Type getType() {
		String t = this.declaredType.toUpperCase(Locale.ROOT);
		if (t.contains("INT")) {
			return R2dbcType.BIGINT;
		}
		if (t.contains("CHAR") || t.contains("CLOB") || t.contains("TEXT")) {
			return R2dbcType.VARCHAR;
		}
		if (t.contains("BLOB")) {
			return R2dbcType.VARBINARY;
		}
		if (t.contains("REAL") || t.contains("FLOA") || t.contains("DOUB")) {
			return R2dbcType.DOUBLE;
		}
		if (t.isEmpty()) {
			return new Type.InferredType() {
				@Override
				public Class<?> getJavaType() {
					return Object.class;
				}

				@Override
				public String getName() {
					return "";
				}
			};
		}
		return R2dbcType.NUMERIC;
	}

	@Override
	public Nullability getNullability() {
		return Nullability.UNKNOWN;
	}

	@Override
	public String getNativeTypeMetadata() {
		return this.declaredType;
	}

}

package dev.tortoise.sqlite;

import java.sql.ResultSet;
import java.sql.SQLException;

import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.Row;
import org.jspecify.annotations.Nullable;

/**
 * One row: either the result's current row, read from the open result set while the
 * mapping function runs (R2DBC rows are valid only there, so nothing is copied), or a copy
 * of its values for rows that must outlive the cursor.
 */
final class SqliteRow implements Row {

	private final SqliteRowMetadata metadata;

	private final @Nullable ResultSet cursor;

	private final @Nullable Object @Nullable [] values;

	private SqliteRow(SqliteRowMetadata metadata, @Nullable ResultSet cursor, @Nullable Object @Nullable [] values) {
		this.metadata = metadata;
		this.cursor = cursor;
		this.values = values;
	}

	/** The current row of an open result set. */
	static SqliteRow live(SqliteRowMetadata metadata, ResultSet cursor) {
		return new SqliteRow(metadata, cursor, null);
	}

	/** A copy of the current row of a result set. */
	static SqliteRow copy(SqliteRowMetadata metadata, ResultSet cursor) throws SQLException {
		@Nullable Object[] values = new Object[metadata.size()];
		for (int i = 0; i < values.length; i++) {
			values[i] = cursor.getObject(i + 1);
		}
		return new SqliteRow(metadata, null, values);
	}

	@Override
	public SqliteRowMetadata getMetadata() {
		return this.metadata;
	}

	@Override
	public <T> @Nullable T get(int index, Class<T> type) {
		Object raw = raw(this.metadata.checkIndex(index));
		return (raw != null) ? Values.convert(raw, type) : null;
	}

	@Override
	public <T> @Nullable T get(String name, Class<T> type) {
		return get(this.metadata.index(name), type);
	}

	private @Nullable Object raw(int index) {
		if (this.values != null) {
			return this.values[index];
		}
		try {
			return this.cursor.getObject(index + 1);
		}
		catch (SQLException ex) {
			Throwable t = Errors.translate(ex);
			throw (t instanceof R2dbcException r) ? r : new IllegalStateException(ex);
		}
	}

}

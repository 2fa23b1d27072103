package dev.tortoise.sqlite;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;

import io.r2dbc.spi.RowMetadata;

/** The columns of a result, read once when the statement has run. */
final class SqliteRowMetadata implements RowMetadata {

	private final List<SqliteColumnMetadata> columns;

	private final Map<String, Integer> byName;

	private SqliteRowMetadata(List<SqliteColumnMetadata> columns) {
		this.columns = columns;
		this.byName = new HashMap<>();
		for (int i = columns.size() - 1; i >= 0; i--) {
			this.byName.put(columns.get(i).name().toLowerCase(Locale.ROOT), i);
		}
	}

	static SqliteRowMetadata of(ResultSetMetaData md) throws SQLException {
		int n = md.getColumnCount();
		List<SqliteColumnMetadata> columns = new ArrayList<>(n);
		for (int i = 1; i <= n; i++) {
			String type = md.getColumnTypeName(i);
			columns.add(new SqliteColumnMetadata(md.getColumnLabel(i), (type != null) ? type : ""));
		}
		return new SqliteRowMetadata(List.copyOf(columns));
	}

	int size() {
		return this.columns.size();
	}

	/** The 0-based index of a column, its name matched without case as R2DBC asks. */
	int index(String name) {
		Integer i = this.byName.get(name.toLowerCase(Locale.ROOT));
		if (i == null) {
			throw new NoSuchElementException("The result has no column \"" + name + "\". Its columns: "
					+ String.join(", ", this.columns.stream().map(SqliteColumnMetadata::name).toList()) + ".");
		}
		return i;
	}

	int checkIndex(int index) {
		if (index < 0 || index >= this.columns.size()) {
			throw new IndexOutOfBoundsException("Column index " + index + " is out of range: the result has "
					+ this.columns.size() + " columns.");
		}
		return index;
	}

	@Override
	public SqliteColumnMetadata getColumnMetadata(int index) {
		return this.columns.get(checkIndex(index));
	}

	@Override
	public SqliteColumnMetadata getColumnMetadata(String name) {
		return this.columns.get(index(name));
	}

	@Override
	public List<SqliteColumnMetadata> getColumnMetadatas() {
		return this.columns;
	}

	@Override
	public boolean contains(String columnName) {
		return this.byName.containsKey(columnName.toLowerCase(Locale.ROOT));
	}

}

package dev.tortoise.sqlite;

import java.util.ArrayList;
import java.util.List;

import io.r2dbc.spi.Parameter;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Statement;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

/**
 * A statement and its values: bound by 0-based index, or by name ({@code :name},
 * {@code @name}, {@code $name}, or {@code $1}/{@code ?1} for the first value). Several sets
 * of values ({@link #add}) run the statement once each. {@link #returnGeneratedValues} adds
 * a RETURNING clause to an INSERT, UPDATE or DELETE, so that every row's keys come back.
 */
final class SqliteStatement implements Statement {

	private final SqliteConnection connection;

	private final String sql;

	private final Parameters parameters;

	private final List<@Nullable Object[]> bindings = new ArrayList<>(1);

	private @Nullable Object[] current;

	private boolean[] bound;

	private String @Nullable [] generated;

	SqliteStatement(SqliteConnection connection, String sql) {
		this.connection = connection;
		this.sql = sql;
		this.parameters = Parameters.of(sql);
		this.current = new Object[this.parameters.count()];
		this.bound = new boolean[this.parameters.count()];
	}

	@Override
	public SqliteStatement add() {
		checkAllBound();
		this.bindings.add(this.current);
		this.current = new Object[this.parameters.count()];
		this.bound = new boolean[this.parameters.count()];
		return this;
	}

	@Override
	public SqliteStatement bind(int index, Object value) {
		if (value == null) {
			throw new IllegalArgumentException("Bind null with bindNull(index, type).");
		}
		set(index, (value instanceof Parameter p) ? p.getValue() : value);
		return this;
	}

	@Override
	public SqliteStatement bind(String name, Object value) {
		return bind(this.parameters.index(name), value);
	}

	@Override
	public SqliteStatement bindNull(int index, Class<?> type) {
		set(index, null);
		return this;
	}

	@Override
	public SqliteStatement bindNull(String name, Class<?> type) {
		return bindNull(this.parameters.index(name), type);
	}

	private void set(int index, @Nullable Object value) {
		if (index < 0 || index >= this.current.length) {
			throw new IndexOutOfBoundsException("Parameter index " + index + " is out of range: the statement has "
					+ this.current.length + " parameters (0 to " + (this.current.length - 1) + ").");
		}
		this.current[index] = value;
		this.bound[index] = true;
	}

	private void checkAllBound() {
		for (int i = 0; i < this.bound.length; i++) {
			if (!this.bound[i]) {
				throw new IllegalStateException("Parameter " + i + " of the statement is not bound: " + this.sql);
			}
		}
	}

	@Override
	public SqliteStatement returnGeneratedValues(String... columns) {
		this.generated = columns.clone();
		return this;
	}

	@Override
	public SqliteStatement fetchSize(int rows) {
		// Rows are stepped as subscribers ask for them; there is nothing to fetch ahead.
		return this;
	}

	@Override
	public Flux<Result> execute() {
		List<@Nullable Object[]> all = new ArrayList<>(this.bindings);
		if (all.isEmpty() || this.current.length > 0 && anyBound()) {
			checkAllBound();
			all.add(this.current);
		}
		return this.connection.execute(text(), this.parameters, all);
	}

	private boolean anyBound() {
		for (boolean b : this.bound) {
			if (b) {
				return true;
			}
		}
		return false;
	}

	/** The text to run: with a RETURNING clause when generated values were asked of a statement that changes rows. */
	private String text() {
		String[] columns = this.generated;
		if (columns == null || !this.parameters.changesRows() || this.parameters.returning()) {
			return this.sql;
		}
		StringBuilder b = new StringBuilder(this.sql.length() + 32).append(this.sql.stripTrailing());
		if (b.charAt(b.length() - 1) == ';') {
			b.setLength(b.length() - 1);
		}
		b.append(" RETURNING ");
		if (columns.length == 0) {
			return b.append('*').toString();
		}
		for (int i = 0; i < columns.length; i++) {
			b.append((i > 0) ? ", \"" : "\"").append(columns[i].replace("\"", "\"\"")).append('"');
		}
		return b.toString();
	}

}

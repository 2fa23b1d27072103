package dev.tortoise.sqlite;

import java.util.ArrayList;
import java.util.List;

import io.r2dbc.spi.Batch;
import io.r2dbc.spi.Result;
import reactor.core.publisher.Flux;

/** Statements without values, run one after the other, each giving its own result. */
final class SqliteBatch implements Batch {

	private final SqliteConnection connection;

	private final List<String> statements = new ArrayList<>();

	SqliteBatch(SqliteConnection connection) {
		this.connection = connection;
	}

	@Override
	public SqliteBatch add(String sql) {
		this.statements.add(sql);
		return this;
	}

	@Override
	public Flux<Result> execute() {
		return this.connection.executeAll(List.copyOf(this.statements));
	}

}

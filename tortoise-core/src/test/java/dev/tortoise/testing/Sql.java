package dev.tortoise.testing;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Result;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Plain SQL over R2DBC for tests: reads the catalog, counts sessions. Closes its connection. */
public final class Sql {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private Sql() {
	}

	/** Rows as maps with lower-cased column names. */
	public static List<Map<String, Object>> query(ConnectionFactory factory, String sql) {
		return Flux.usingWhen(Mono.from(factory.create()),
				(Connection c) -> Flux.from(c.createStatement(sql).execute()).flatMap((Result r) -> r.map((row, meta) -> {
					Map<String, Object> out = new LinkedHashMap<>();
					meta.getColumnMetadatas().forEach((m) -> out.put(m.getName().toLowerCase(Locale.ROOT), row.get(m.getName())));
					return out;
				})), Connection::close)
			.collectList()
			.block(TIMEOUT);
	}

	/** The first column of every row, as text. */
	public static List<String> column(ConnectionFactory factory, String sql) {
		return query(factory, sql).stream().map((row) -> String.valueOf(row.values().iterator().next())).toList();
	}

	/** A single number. */
	public static long number(ConnectionFactory factory, String sql) {
		Object value = query(factory, sql).get(0).values().iterator().next();
		return ((Number) value).longValue();
	}

	/** Runs statements that return no rows. */
	public static void execute(ConnectionFactory factory, String... statements) {
		Flux.usingWhen(Mono.from(factory.create()),
				(Connection c) -> Flux.fromArray(statements)
					.concatMap((s) -> Flux.from(c.createStatement(s).execute()).flatMap(Result::getRowsUpdated)),
				Connection::close)
			.then()
			.block(TIMEOUT);
	}

}

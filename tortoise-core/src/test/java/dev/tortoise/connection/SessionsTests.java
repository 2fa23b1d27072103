package dev.tortoise.connection;

import java.time.Duration;
import java.util.Map;

import dev.tortoise.config.DbUrl;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/** New sessions get the connection's statement timeout; a cancel reaches only sessions of this pool. */
class SessionsTests {

	private final Connections connections = Connections.create(Map.of("default",
			DbUrl.parse("h2://:memory:?maxsize=2&statement_timeout=2.5")));

	@AfterEach
	void close() {
		this.connections.close().block();
	}

	private static Object queryOne(Connection c, String sql) {
		return Flux.from(c.createStatement(sql).execute()).flatMap((r) -> r.map((row, md) -> row.get(0))).blockLast();
	}

	@Test
	void everyNewSessionHasTheStatementTimeout() {
		ConnectionFactory pool = this.connections.get("default");
		Object timeout = Mono.usingWhen(pool.create(), (c) -> Mono.fromCallable(() -> queryOne(c,
				"SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'QUERY_TIMEOUT'")),
				Connection::close)
			.block(Duration.ofSeconds(30));
		assertThat(timeout).isEqualTo("2500");
	}

	@Test
	void cancellingAConnectionThatRunsNothingOrIsNotThePoolsIsHarmless() {
		ConnectionFactory pool = this.connections.get("default");
		Object answer = Mono.usingWhen(pool.create(),
				(c) -> this.connections.cancel("default", c).then(Mono.fromCallable(() -> queryOne(c, "SELECT 42"))),
				Connection::close)
			.block(Duration.ofSeconds(30));
		assertThat(answer).as("an idle session's next statement runs").isEqualTo(42);
		Connections other = Connections.create(Map.of("other", DbUrl.parse("h2://:memory:")));
		try {
			Boolean done = Mono.usingWhen(other.get("other").create(),
					(c) -> this.connections.cancel("default", c).thenReturn(true), Connection::close)
				.block(Duration.ofSeconds(30));
			assertThat(done).isTrue();
		}
		finally {
			other.close().block();
		}
	}

}

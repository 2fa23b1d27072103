package dev.tortoise.spring.boot.actuate;

import java.time.Duration;
import java.util.Map;

import dev.tortoise.connection.Connections;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionMetadata;
import io.r2dbc.spi.ValidationDepth;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of one Tortoise connection: borrows a pooled connection, runs the pool's
 * validation query (or the driver's remote validation) and reports the database product.
 * Never reports the URL or credentials.
 */
final class ConnectionHealthIndicator extends AbstractReactiveHealthIndicator {

	/** A database that does not answer within this time is reported down rather than left hanging. */
	static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final Connections connections;

	private final String name;

	ConnectionHealthIndicator(Connections connections, String name) {
		super("Tortoise connection \"" + name + "\" health check failed");
		this.connections = connections;
		this.name = name;
	}

	@Override
	protected Mono<Health> doHealthCheck(Health.Builder builder) {
		ConnectionPool pool = this.connections.pool(this.name);
		String query = this.connections.config(this.name).pool().validationQuery();
		builder.withDetail("engine", this.connections.config(this.name).engine());
		return Mono.usingWhen(pool.create(), (connection) -> validate(connection, query).map((valid) -> {
			builder.withDetail("database", product(connection.getMetadata()))
				.withDetail("version", connection.getMetadata().getDatabaseVersion())
				.withDetail("validationQuery", (query != null) ? query : "validate(REMOTE)")
				.withDetail("result", valid);
			pool.getMetrics().ifPresent((metrics) -> builder.withDetail("pool", Map.of("acquired",
					metrics.acquiredSize(), "idle", metrics.idleSize(), "max", metrics.getMaxAllocatedSize())));
			return (valid ? builder.up() : builder.down()).build();
		}), Connection::close, (connection, ex) -> connection.close(), Connection::close).timeout(TIMEOUT);
	}

	static String product(ConnectionMetadata metadata) {
		// r2dbc-mysql gives the server's version comment (such as "Debian 12") as product name.
		String version = metadata.getDatabaseVersion();
		return (version != null && version.contains("MariaDB")) ? "MariaDB" : metadata.getDatabaseProductName();
	}

	private static Mono<Boolean> validate(Connection connection, @Nullable String query) {
		if (query == null || query.isBlank()) {
			return Mono.from(connection.validate(ValidationDepth.REMOTE));
		}
		return Flux.from(connection.createStatement(query).execute())
			.flatMap((result) -> result.map((row, metadata) -> row.get(0)))
			.then(Mono.just(true));
	}

}

package dev.tortoise.spring.boot.actuate;

import java.util.function.ToDoubleFunction;

import dev.tortoise.connection.Connections;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.r2dbc.pool.PoolMetrics;

/**
 * Gauges of every Tortoise pool, tagged {@code connection}:
 * {@code tortoise.pool.acquired}, {@code tortoise.pool.idle}, {@code tortoise.pool.pending}
 * and {@code tortoise.pool.max.allocated}.
 */
final class PoolMeterBinder implements MeterBinder {

	private final Connections connections;

	PoolMeterBinder(Connections connections) {
		this.connections = connections;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (String name : this.connections.names()) {
			this.connections.pool(name).getMetrics().ifPresent((metrics) -> {
				gauge(registry, name, metrics, "tortoise.pool.acquired", "Connections in use", PoolMetrics::acquiredSize);
				gauge(registry, name, metrics, "tortoise.pool.idle", "Idle connections in the pool", PoolMetrics::idleSize);
				gauge(registry, name, metrics, "tortoise.pool.pending", "Subscribers waiting for a connection",
						PoolMetrics::pendingAcquireSize);
				gauge(registry, name, metrics, "tortoise.pool.max.allocated", "Most connections the pool may open",
						PoolMetrics::getMaxAllocatedSize);
			});
		}
	}

	private static void gauge(MeterRegistry registry, String connection, PoolMetrics metrics, String name,
			String description, ToDoubleFunction<PoolMetrics> value) {
		// Strong reference: nothing else holds the metrics view, and a collected one reads NaN.
		Gauge.builder(name, metrics, value)
			.description(description)
			.baseUnit("connections")
			.tag("connection", connection)
			.strongReference(true)
			.register(registry);
	}

}

package dev.tortoise.config;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Settings of the connection pool of one connection. Immutable; change with the
 * {@code with...} methods. Unset durations keep r2dbc-pool's behaviour.
 */
public final class PoolSettings {

	/** Tortoise ORM's defaults: {@code minsize} 1, {@code maxsize} 5, acquire time-out 30 s. */
	public static final PoolSettings DEFAULTS = new PoolSettings(1, 5, Duration.ofMinutes(30), null,
			Duration.ofSeconds(30), null, null, null);

	private final int initialSize;

	private final int maxSize;

	private final @Nullable Duration maxIdleTime;

	private final @Nullable Duration maxLifeTime;

	private final @Nullable Duration maxAcquireTime;

	private final @Nullable Duration maxCreateConnectionTime;

	private final @Nullable String validationQuery;

	private final @Nullable Duration statementTimeout;

	private PoolSettings(int initialSize, int maxSize, @Nullable Duration maxIdleTime, @Nullable Duration maxLifeTime,
			@Nullable Duration maxAcquireTime, @Nullable Duration maxCreateConnectionTime,
			@Nullable String validationQuery, @Nullable Duration statementTimeout) {
		this.initialSize = initialSize;
		this.maxSize = maxSize;
		this.maxIdleTime = maxIdleTime;
		this.maxLifeTime = maxLifeTime;
		this.maxAcquireTime = maxAcquireTime;
		this.maxCreateConnectionTime = maxCreateConnectionTime;
		this.validationQuery = validationQuery;
		this.statementTimeout = statementTimeout;
	}

	/** Connections opened when the pool is first used (Tortoise's {@code minsize}). */
	public int initialSize() {
		return this.initialSize;
	}

	/** Most connections open at once (Tortoise's {@code maxsize}). */
	public int maxSize() {
		return this.maxSize;
	}

	/** How long a connection may stay idle before it is closed. */
	public @Nullable Duration maxIdleTime() {
		return this.maxIdleTime;
	}

	/** How long a connection may live at most. */
	public @Nullable Duration maxLifeTime() {
		return this.maxLifeTime;
	}

	/** How long acquiring a connection may take before it fails. */
	public @Nullable Duration maxAcquireTime() {
		return this.maxAcquireTime;
	}

	/** How long opening a new connection may take before it fails. */
	public @Nullable Duration maxCreateConnectionTime() {
		return this.maxCreateConnectionTime;
	}

	/** Query that checks a connection before use; null means the driver's own validation. */
	public @Nullable String validationQuery() {
		return this.validationQuery;
	}

	/**
	 * How long one statement may run before the server stops it (PostgreSQL's
	 * {@code statement_timeout}, MariaDB's {@code max_statement_time}, H2's
	 * {@code QUERY_TIMEOUT}); null for no limit. Set on every session the pool opens.
	 */
	public @Nullable Duration statementTimeout() {
		return this.statementTimeout;
	}

	public PoolSettings withInitialSize(int initialSize) {
		return new PoolSettings(initialSize, this.maxSize, this.maxIdleTime, this.maxLifeTime, this.maxAcquireTime,
				this.maxCreateConnectionTime, this.validationQuery, this.statementTimeout);
	}

	public PoolSettings withMaxSize(int maxSize) {
		return new PoolSettings(this.initialSize, maxSize, this.maxIdleTime, this.maxLifeTime, this.maxAcquireTime,
				this.maxCreateConnectionTime, this.validationQuery, this.statementTimeout);
	}

	public PoolSettings withMaxIdleTime(@Nullable Duration maxIdleTime) {
		return new PoolSettings(this.initialSize, this.maxSize, maxIdleTime, this.maxLifeTime, this.maxAcquireTime,
				this.maxCreateConnectionTime, this.validationQuery, this.statementTimeout);
	}

	public PoolSettings withMaxLifeTime(@Nullable Duration maxLifeTime) {
		return new PoolSettings(this.initialSize, this.maxSize, this.maxIdleTime, maxLifeTime, this.maxAcquireTime,
				this.maxCreateConnectionTime, this.validationQuery, this.statementTimeout);
	}

	public PoolSettings withMaxAcquireTime(@Nullable Duration maxAcquireTime) {
		return new PoolSettings(this.initialSize, this.maxSize, this.maxIdleTime, this.maxLifeTime, maxAcquireTime,
				this.maxCreateConnectionTime, this.validationQuery, this.statementTimeout);
	}

	public PoolSettings withMaxCreateConnectionTime(@Nullable Duration maxCreateConnectionTime) {
		return new PoolSettings(this.initialSize, this.maxSize, this.maxIdleTime, this.maxLifeTime, this.maxAcquireTime,
				maxCreateConnectionTime, this.validationQuery, this.statementTimeout);
	}

	public PoolSettings withValidationQuery(@Nullable String validationQuery) {
		return new PoolSettings(this.initialSize, this.maxSize, this.maxIdleTime, this.maxLifeTime, this.maxAcquireTime,
				this.maxCreateConnectionTime, validationQuery, this.statementTimeout);
	}

	public PoolSettings withStatementTimeout(@Nullable Duration statementTimeout) {
		return new PoolSettings(this.initialSize, this.maxSize, this.maxIdleTime, this.maxLifeTime, this.maxAcquireTime,
				this.maxCreateConnectionTime, this.validationQuery, statementTimeout);
	}

	@Override
	public boolean equals(Object o) {
		return (o instanceof PoolSettings p) && p.initialSize == this.initialSize && p.maxSize == this.maxSize
				&& Objects.equals(p.maxIdleTime, this.maxIdleTime) && Objects.equals(p.maxLifeTime, this.maxLifeTime)
				&& Objects.equals(p.maxAcquireTime, this.maxAcquireTime)
				&& Objects.equals(p.maxCreateConnectionTime, this.maxCreateConnectionTime)
				&& Objects.equals(p.validationQuery, this.validationQuery)
				&& Objects.equals(p.statementTimeout, this.statementTimeout);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.initialSize, this.maxSize, this.maxIdleTime, this.maxLifeTime, this.maxAcquireTime,
				this.maxCreateConnectionTime, this.validationQuery, this.statementTimeout);
	}

	@Override
	public String toString() {
		return "PoolSettings[initialSize=" + this.initialSize + ", maxSize=" + this.maxSize + ", maxIdleTime="
				+ this.maxIdleTime + ", maxLifeTime=" + this.maxLifeTime + ", maxAcquireTime=" + this.maxAcquireTime
				+ ", maxCreateConnectionTime=" + this.maxCreateConnectionTime + ", validationQuery="
				+ this.validationQuery + ", statementTimeout=" + this.statementTimeout + "]";
	}

}

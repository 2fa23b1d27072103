package dev.tortoise.sample.audit;

import java.time.Duration;
import java.util.Map;

import dev.tortoise.TortoiseContext;
import dev.tortoise.exceptions.OperationalException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import org.springframework.stereotype.Service;

/**
 * Records writes on the {@code audit} connection, where the {@code audit} app lives.
 * <p>
 * Two connections are two databases: no transaction spans a write on {@code default} and
 * its audit entry. The pattern here is "audit after commit": the entry is written once the
 * write has committed, retried while the audit database does not answer, and when it still
 * cannot be written the client is told the truth about its write (it happened) and the lost
 * entry is logged as a warning with its content, for an operator to replay. A service whose
 * audit must never miss an entry keeps it in an outbox table on the same connection as the
 * write, in the same transaction, and copies it over later.
 */
@Service
public class AuditTrail {

	private static final Logger logger = LoggerFactory.getLogger(AuditTrail.class);

	/** Retries of an entry while the audit database does not answer: about 3 s in all. */
	static final Retry AFTER_COMMIT = Retry.backoff(4, Duration.ofMillis(200)).maxBackoff(Duration.ofSeconds(1))
		.filter(OperationalException.class::isInstance);

	private final TortoiseContext tortoise;

	public AuditTrail(TortoiseContext tortoise) {
		this.tortoise = tortoise;
	}

	/** Records one write and completes when it is stored. */
	public Mono<AuditLog> record(String action, String model, Map<String, Object> payload) {
		AuditLog entry = new AuditLog();
		entry.action = action;
		entry.model = model;
		entry.payload = payload;
		return this.tortoise.create(entry);
	}

	/**
	 * Records a write that has committed on another connection: retried while the audit
	 * database does not answer, then given up with a warning; never an error for the caller,
	 * whose write stands.
	 */
	public Mono<Void> recordAfterCommit(String action, String model, Map<String, Object> payload) {
		return record(action, model, payload).retryWhen(AFTER_COMMIT).then()
			.onErrorResume((ex) -> {
				logger.warn("Audit entry not written, the write it records stands: {} {} {} ({})", action, model, payload,
						(ex.getCause() != null ? ex.getCause() : ex).getMessage());
				return Mono.empty();
			});
	}

	/** The newest entries first. */
	public Flux<AuditLog> latest(long limit) {
		return this.tortoise.objects(AuditLog.class).orderBy("-id").limit(limit).all();
	}

}

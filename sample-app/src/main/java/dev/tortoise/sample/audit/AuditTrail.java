package dev.tortoise.sample.audit;

import java.util.Map;

import dev.tortoise.TortoiseContext;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/** Records writes on the {@code audit} connection, where the {@code audit} app lives. */
@Service
public class AuditTrail {

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

	/** The newest entries first. */
	public Flux<AuditLog> latest(long limit) {
		return this.tortoise.objects(AuditLog.class).orderBy("-id").limit(limit).all();
	}

}

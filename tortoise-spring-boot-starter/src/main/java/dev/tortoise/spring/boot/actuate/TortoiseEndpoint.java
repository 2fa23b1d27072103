package dev.tortoise.spring.boot.actuate;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.tortoise.TortoiseContext;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The {@code tortoise} actuator endpoint: apps with their default connection, models as
 * Tortoise's {@code describe_models()} gives them, and connections with masked credentials.
 * Expose it with {@code management.endpoints.web.exposure.include=health,tortoise}.
 */
@Endpoint(id = "tortoise")
public final class TortoiseEndpoint {

	private final TortoiseContext context;

	public TortoiseEndpoint(TortoiseContext context) {
		this.context = context;
	}

	/** Apps, models and connections (credentials masked). */
	@ReadOperation
	public Map<String, Object> describe() {
		Map<String, Object> apps = new LinkedHashMap<>();
		this.context.config().apps().forEach((label, app) -> apps.put(label,
				Map.of("models", app.models(), "defaultConnection", app.defaultConnection())));
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("apps", apps);
		out.put("connections", this.context.describeConnections());
		out.put("models", this.context.describeModels());
		return out;
	}

}

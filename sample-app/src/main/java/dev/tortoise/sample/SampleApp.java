package dev.tortoise.sample;

import java.nio.file.Path;
import java.util.List;

import dev.tortoise.Tortoise;
import dev.tortoise.TortoiseContext;
import dev.tortoise.config.TortoiseConfig;
import dev.tortoise.exceptions.ConfigurationException;
import dev.tortoise.models.FieldMeta;
import dev.tortoise.models.ModelMeta;
import reactor.core.publisher.Flux;

/**
 * Sets up Tortoise's classic models: app {@code models} (Tournament, Event, Team) on
 * connection {@code default} and app {@code audit} (AuditLog) on connection {@code audit},
 * creates the missing tables (safe, so it can run on every start), prints what it set up,
 * and closes every connection.
 * <p>
 * Connections default to embedded H2 files under {@code ./data/}; set
 * {@code TORTOISE_DB_URL} and {@code TORTOISE_AUDIT_DB_URL} to use servers, or pass a
 * Tortoise JSON/YAML config file as the only argument.
 */
public final class SampleApp {

	private SampleApp() {
	}

	public static void main(String[] args) {
		try {
			TortoiseConfig config = (args.length == 1) ? TortoiseConfig.fromFile(Path.of(args[0])) : defaultConfig();
			List<String> lines = Tortoise.run(config, SampleApp::setUp).collectList().block();
			lines.forEach(System.out::println);
		}
		catch (ConfigurationException ex) {
			System.err.println("Tortoise could not start: " + ex.getMessage());
			System.exit(2);
		}
	}

	static TortoiseConfig defaultConfig() {
		return TortoiseConfig.builder()
			.connection("default", env("TORTOISE_DB_URL", "h2://./data/sample"))
			.connection("audit", env("TORTOISE_AUDIT_DB_URL", "h2://./data/audit"))
			.app("models", List.of("dev.tortoise.sample.models"))
			.app("audit", List.of("dev.tortoise.sample.audit"), "audit")
			.useTz(true)
			.build();
	}

	static Flux<String> setUp(TortoiseContext ctx) {
		return ctx.generateSchemas().thenMany(Flux.defer(() -> Flux.fromIterable(report(ctx))));
	}

	private static List<String> report(TortoiseContext ctx) {
		List<String> out = new java.util.ArrayList<>();
		out.add("Tortoise for Java: schema is up to date.");
		ctx.describeConnections().forEach((name, d) -> out.add("connection " + name + ": " + d));
		for (String app : ctx.apps().labels()) {
			for (ModelMeta<?> meta : ctx.apps().models(app)) {
				out.add(String.format("  %s.%s -> table %s on connection %s", app, meta.name(), meta.table(),
						meta.connection()));
				for (FieldMeta f : meta.fields()) {
					out.add(String.format("      %-14s %-13s %s", f.name(), f.kind(),
							(f.column() != null) ? "column " + f.column()
									: (f.through() != null) ? "through " + f.through() : "from " + f.relatedModel().getSimpleName()));
				}
			}
		}
		for (String connection : ctx.connections().names()) {
			out.add("-- schema of connection " + connection + " (safe):");
			out.add(ctx.schemaSql(connection, true));
		}
		return out;
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value : fallback;
	}

}

package dev.tortoise;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.tortoise.config.TortoiseConfig;
import dev.tortoise.connection.Connections;
import dev.tortoise.exceptions.ConfigurationException;
import dev.tortoise.models.Apps;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Entry points: Tortoise ORM's {@code Tortoise.init}, {@code init_models} and {@code run_async}. */
public final class Tortoise {

	private Tortoise() {
	}

	/**
	 * Discovers and links the models, then creates one pool per connection without opening
	 * any connection. Every configuration mistake fails the returned Mono with a
	 * {@link ConfigurationException}, and then nothing is left open.
	 */
	public static Mono<TortoiseContext> init(TortoiseConfig config) {
		return Mono.fromCallable(() -> {
			Apps apps = Apps.discover(config.modules(), config.classLoader(), config.tableNameGenerator());
			Map<String, String> appConnections = new LinkedHashMap<>();
			config.apps().forEach((label, app) -> appConnections.put(label, app.defaultConnection()));
			apps.bindConnections(appConnections);
			checkFieldTypes(apps, config);
			Connections connections = Connections.create(config.connections());
			return new TortoiseContext(config, apps, connections);
		});
	}

	/**
	 * Refuses a field whose type the database of its model's connection lacks (PostgreSQL's
	 * ArrayField and TSVectorField elsewhere), before any connection is opened.
	 */
	private static void checkFieldTypes(Apps apps, TortoiseConfig config) {
		for (dev.tortoise.models.ModelMeta<?> meta : apps.all()) {
			String connection = meta.connection();
			dev.tortoise.config.ConnectionConfig cc = (connection != null) ? config.connections().get(connection) : null;
			if (cc == null) {
				continue;
			}
			dev.tortoise.schema.Dialect dialect = dev.tortoise.schema.Dialect.find(cc.engine());
			if (dialect == null) {
				continue; // opening the connections names what is wrong with it
			}
			for (dev.tortoise.models.FieldMeta f : meta.columns()) {
				if (f.type() != null && !dialect.supports(f.type())) {
					String tortoiseName = dev.tortoise.types.TypeHandler.of(f.type()).tortoiseName();
					throw new ConfigurationException("Field " + meta.name() + "." + f.name() + " is "
							+ ("AEIOU".indexOf(tortoiseName.charAt(0)) >= 0 ? "an " : "a ") + tortoiseName + ", which " + dialect.name()
							+ " does not have, and app \"" + meta.app() + "\" is on connection \"" + connection + "\" ("
							+ dialect.name() + "). Put the model in an app on a PostgreSQL connection, or use a JSONField.");
				}
			}
		}
	}

	/**
	 * Discovers and links the models of the given apps without any database: Tortoise's
	 * {@code init_models}.
	 * @throws ConfigurationException naming the app, model or field at fault
	 */
	public static Apps initModels(Map<String, List<String>> modules) {
		return Apps.discover(modules, null, null);
	}

	/**
	 * Runs work with a context and closes every connection afterwards, on completion,
	 * error and cancellation alike: Tortoise's {@code run_async}.
	 */
	public static <T> Flux<T> run(TortoiseConfig config, Function<TortoiseContext, ? extends Publisher<T>> work) {
		return Flux.usingWhen(init(config), work, TortoiseContext::closeConnections,
				(ctx, ex) -> ctx.closeConnections(), TortoiseContext::closeConnections);
	}

}

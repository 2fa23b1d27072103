package dev.tortoise.routing;

import java.util.List;
import java.util.function.Consumer;

import dev.tortoise.models.ModelMeta;
import org.jspecify.annotations.Nullable;

/**
 * Chooses each statement's connection: {@code using(...)} first, then the connection of
 * the transaction the statement runs in when it serves the model's connection, then the
 * first router that answers, then the model's app's default connection.
 */
public final class Routes {

	private final List<Router> routers;

	private final Consumer<String> checkName;

	/**
	 * @param routers the configured routers, in order
	 * @param checkName fails for a connection name that is not configured, naming those that are
	 */
	public Routes(List<Router> routers, Consumer<String> checkName) {
		this.routers = List.copyOf(routers);
		this.checkName = checkName;
	}

	/**
	 * The connection for a read or a write of a model.
	 * @param using the connection the query names, if any
	 * @param pinned the connection of the transaction the engine is bound to, if any
	 */
	public String route(ModelMeta<?> meta, @Nullable String using, boolean write, @Nullable String pinned) {
		if (using != null) {
			return using;
		}
		if (pinned != null && pinned.equals(meta.connection())) {
			return pinned;
		}
		for (Router router : this.routers) {
			String name = write ? router.dbForWrite(meta.modelClass()) : router.dbForRead(meta.modelClass());
			if (name != null) {
				this.checkName.accept(name); // an unknown name fails here, naming the connections
				return name;
			}
		}
		return meta.connection();
	}

}

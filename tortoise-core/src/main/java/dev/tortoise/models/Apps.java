package dev.tortoise.models;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import dev.tortoise.exceptions.ConfigurationException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry of apps and their models, discovered and linked once at init
 * (Tortoise's {@code Tortoise.apps}).
 */
public final class Apps {

	private final Map<String, Map<String, ModelMeta<?>>> apps = new LinkedHashMap<>();

	private static final Logger logger = LoggerFactory.getLogger(Apps.class);

	private final Map<Class<?>, ModelMeta<?>> byClass = new HashMap<>();

	private Apps() {
	}

	/**
	 * Discovers the models of every app, reads them and links their relations.
	 * @param modules app label → module entries (package names or class names), in order
	 * @param classLoader where to find the classes; null means the thread's context class loader
	 * @param tableNameGenerator table names for models without {@code @Model(table)}; null means
	 * the class name lower-cased
	 * @throws ConfigurationException naming the app, model or field at fault
	 */
	public static Apps discover(Map<String, List<String>> modules, @Nullable ClassLoader classLoader,
			@Nullable Function<Class<?>, String> tableNameGenerator) {
		ClassLoader loader = (classLoader != null) ? classLoader : defaultClassLoader();
		ModelDiscovery discovery = new ModelDiscovery(loader);
		Map<String, List<Class<?>>> classesByApp = new LinkedHashMap<>();
		Map<Class<?>, String> owner = new HashMap<>();
		Map<Class<?>, String> pinnedElsewhere = new LinkedHashMap<>();
		for (Map.Entry<String, List<String>> app : modules.entrySet()) {
			List<Class<?>> classes = classesByApp.computeIfAbsent(app.getKey(), (k) -> new ArrayList<>());
			for (String module : app.getValue()) {
				for (Class<?> c : discovery.discover(module)) {
					String pinned = c.getAnnotation(Model.class).app();
					if (!pinned.isEmpty() && !pinned.equals(app.getKey())) {
						pinnedElsewhere.put(c, pinned);
						continue;
					}
					// As Tortoise's discovery: an unpinned model belongs to the first app that lists it.
					String previous = owner.putIfAbsent(c, app.getKey());
					if (previous == null) {
						classes.add(c);
					}
					else if (!previous.equals(app.getKey()) && logger.isDebugEnabled()) {
						logger.debug("Model {} is listed by apps \"{}\" and \"{}\"; it belongs to \"{}\", the first",
								c.getSimpleName(), previous, app.getKey(), previous);
					}
				}
			}
		}
		for (Map.Entry<Class<?>, String> e : pinnedElsewhere.entrySet()) {
			if (!owner.containsKey(e.getKey()) && !modules.containsKey(e.getValue())) {
				throw new ConfigurationException("Model " + e.getKey().getSimpleName() + " is pinned to app \""
						+ e.getValue() + "\" with @Model(app), but no app of that name is configured. Configured apps: "
						+ String.join(", ", modules.keySet()) + ".");
			}
		}
		Apps apps = new Apps();
		ModelReader reader = new ModelReader(tableNameGenerator);
		for (Map.Entry<String, List<Class<?>>> app : classesByApp.entrySet()) {
			Map<String, ModelMeta<?>> models = new LinkedHashMap<>();
			for (Class<?> c : app.getValue()) {
				ModelMeta<?> meta = reader.read(c, app.getKey());
				ModelMeta<?> clash = models.putIfAbsent(meta.name(), meta);
				if (clash != null) {
					throw new ConfigurationException("App \"" + app.getKey() + "\" has two models named "
							+ meta.name() + ": " + clash.modelClass().getName() + " and " + c.getName()
							+ ". Rename one, or move it to another app.");
				}
				apps.byClass.put(c, meta);
			}
			apps.apps.put(app.getKey(), models);
		}
		new RelationLinker(apps).link(reader.declaredBackward());
		for (ModelMeta<?> meta : apps.all()) {
			new CompositeReader(meta).read();
		}
		for (String app : apps.labels()) {
			checkUniqueTables("app \"" + app + "\"", apps.models(app));
		}
		for (ModelMeta<?> meta : apps.all()) {
			meta.freeze();
		}
		return apps;
	}

	private static ClassLoader defaultClassLoader() {
		ClassLoader loader = Thread.currentThread().getContextClassLoader();
		return (loader != null) ? loader : Apps.class.getClassLoader();
	}

	/**
	 * Binds every app to its default connection and checks what needs connections: no two
	 * tables of one name on a connection, no relation across connections.
	 * @param appConnections app label → connection name
	 * @throws ConfigurationException naming both models and both connections
	 */
	public void bindConnections(Map<String, String> appConnections) {
		for (String app : labels()) {
			String connection = appConnections.get(app);
			if (connection == null) {
				throw new ConfigurationException("App \"" + app + "\" has no default connection.");
			}
			for (ModelMeta<?> meta : models(app)) {
				meta.bindConnection(connection);
			}
		}
		Map<String, List<ModelMeta<?>>> byConnection = new LinkedHashMap<>();
		for (ModelMeta<?> meta : all()) {
			byConnection.computeIfAbsent(meta.connection(), (k) -> new ArrayList<>()).add(meta);
			for (FieldMeta f : meta.fields()) {
				if ((f.kind() == FieldKind.FK || f.kind() == FieldKind.O2O || f.kind() == FieldKind.M2M)
						&& f.dbConstraint() && f.related() != null && !f.related().connection().equals(meta.connection())) {
					throw new ConfigurationException("Field " + meta.name() + "." + f.name() + " relates model "
							+ meta.fullName() + " on connection \"" + meta.connection() + "\" to model "
							+ f.related().fullName() + " on connection \"" + f.related().connection()
							+ "\". A relation cannot cross databases: put both apps on one connection, or set"
							+ " dbConstraint = false if the link is only logical.");
				}
			}
		}
		byConnection.forEach((connection, models) -> checkUniqueTables("connection \"" + connection + "\"", models));
	}

	private static void checkUniqueTables(String scope, Collection<ModelMeta<?>> models) {
		Map<String, String> tables = new HashMap<>();
		for (ModelMeta<?> meta : models) {
			claim(tables, qualified(meta.schema(), meta.table()), "model " + meta.fullName(), scope);
		}
		for (ModelMeta<?> meta : models) {
			for (FieldMeta f : meta.fields()) {
				if (f.kind() == FieldKind.M2M) {
					claim(tables, qualified(f.throughSchema(), f.through()), "the through table of " + meta.name() + "."
							+ f.name(), scope);
				}
			}
		}
	}

	private static String qualified(@Nullable String schema, String table) {
		return (schema != null) ? schema + "." + table : table;
	}

	private static void claim(Map<String, String> tables, String table, String what, String scope) {
		String previous = tables.putIfAbsent(table.toLowerCase(java.util.Locale.ROOT), what);
		if (previous != null) {
			throw new ConfigurationException("Table \"" + table + "\" is used by both " + previous + " and " + what
					+ " on " + scope + ". Give one of them another table name.");
		}
	}

	/** The metadata of a model class. */
	@SuppressWarnings("unchecked")
	public <T> ModelMeta<T> meta(Class<T> modelClass) {
		ModelMeta<?> meta = this.byClass.get(modelClass);
		if (meta == null) {
			throw new ConfigurationException(modelClass.getName() + " is not a registered model. Add its package to"
					+ " an app's models and annotate it with @Model.");
		}
		return (ModelMeta<T>) meta;
	}

	/** The metadata of a model class, or null if it is not registered. */
	public @Nullable ModelMeta<?> find(Class<?> modelClass) {
		return this.byClass.get(modelClass);
	}

	/** The model of an app by name, or null. */
	@Nullable ModelMeta<?> find(String app, String name) {
		Map<String, ModelMeta<?>> models = this.apps.get(app);
		return (models != null) ? models.get(name) : null;
	}

	/**
	 * The model named {@code "app.Model"}.
	 * @throws ConfigurationException if there is none
	 */
	public ModelMeta<?> model(String name) {
		int dot = name.indexOf('.');
		if (dot < 0 || dot != name.lastIndexOf('.')) {
			throw new ConfigurationException("Model name must be in format \"app.Model\", got \"" + name + "\".");
		}
		Map<String, ModelMeta<?>> app = this.apps.get(name.substring(0, dot));
		ModelMeta<?> meta = (app != null) ? app.get(name.substring(dot + 1)) : null;
		if (meta == null) {
			throw new ConfigurationException("No model \"" + name + "\" is registered. Registered models: "
					+ String.join(", ", all().stream().map(ModelMeta::fullName).toList()) + ".");
		}
		return meta;
	}

	/** App labels in configuration order. */
	public Set<String> labels() {
		return Collections.unmodifiableSet(new LinkedHashSet<>(this.apps.keySet()));
	}

	/** The models of one app, in discovery order. */
	public List<ModelMeta<?>> models(String app) {
		Map<String, ModelMeta<?>> models = this.apps.get(app);
		return (models != null) ? List.copyOf(models.values()) : List.of();
	}

	/** Every model of every app. */
	public List<ModelMeta<?>> all() {
		List<ModelMeta<?>> out = new ArrayList<>();
		this.apps.values().forEach((m) -> out.addAll(m.values()));
		return out;
	}

	/** Tortoise's {@code Tortoise.describe_models()}: {@code "app.Model"} → description. */
	public Map<String, Object> describe() {
		Map<String, Object> out = new LinkedHashMap<>();
		for (ModelMeta<?> meta : all()) {
			out.put(meta.fullName(), meta.describe());
		}
		return out;
	}

	@Override
	public String toString() {
		return "Apps" + this.apps.keySet();
	}

}

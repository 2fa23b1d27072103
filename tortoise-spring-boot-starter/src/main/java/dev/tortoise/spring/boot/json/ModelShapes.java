package dev.tortoise.spring.boot.json;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import dev.tortoise.fields.ManyToManyRelation;
import dev.tortoise.fields.ReverseRelation;
import dev.tortoise.models.Apps;
import dev.tortoise.models.FieldKind;
import dev.tortoise.models.FieldMeta;
import dev.tortoise.models.Model;
import dev.tortoise.models.ModelMeta;
import org.jspecify.annotations.Nullable;

/**
 * The shapes of the models of one set of apps, each worked out at its first use; the apps are
 * asked for lazily so that a JSON mapper can be built before the Tortoise context.
 */
final class ModelShapes {

	private final Supplier<Apps> apps;

	private final Map<Class<?>, Optional<ModelShape>> shapes = new ConcurrentHashMap<>();

	ModelShapes(Supplier<Apps> apps) {
		this.apps = apps;
	}

	/** The shape of a model class, or null for a class that is no model of these apps. */
	@Nullable ModelShape find(Class<?> type) {
		if (!type.isAnnotationPresent(Model.class)) {
			return null;
		}
		return this.shapes.computeIfAbsent(type, (t) -> {
			ModelMeta<?> meta = this.apps.get().find(t);
			return Optional.ofNullable(meta != null ? ModelShape.of(meta) : null);
		}).orElse(null);
	}

	/** The shape of the model a relation points to. */
	ModelShape related(FieldMeta relation) {
		ModelShape shape = find(relation.related().modelClass());
		if (shape == null) {
			throw new IllegalStateException("Related model of " + relation + " is not registered.");
		}
		return shape;
	}

	/** The key a relation's value is referenced by: the related instance's target field, followed to a column. */
	static @Nullable Object keyOf(FieldMeta relation, @Nullable Object related) {
		if (related == null) {
			return null;
		}
		FieldMeta to = relation.toField();
		Object key = to.get(related);
		return (to.kind() == FieldKind.DATA) ? key : keyOf(to, key);
	}

	/** An unfetched related instance holding only the key, as rows read from the database have. */
	static Object stubOf(FieldMeta relation, Object key) {
		Object stub = relation.related().newInstance();
		FieldMeta to = relation.toField();
		to.set(stub, (to.kind() == FieldKind.DATA) ? key : stubOf(to, key));
		return stub;
	}

	/** The Java type of the column a relation's key is stored in. */
	static Class<?> keyType(FieldMeta relation) {
		FieldMeta to = relation.toField();
		return (to.kind() == FieldKind.DATA) ? to.javaType() : keyType(to);
	}

	/**
	 * Whether a related instance holds more than its key: rows read without their relations
	 * fetched hold stubs with the key alone. A field counts when it holds a value other than a
	 * primitive's default, or a fetched relation.
	 */
	static boolean loaded(ModelMeta<?> meta, Object instance, FieldMeta keyField) {
		for (FieldMeta f : meta.fields()) {
			if (f == keyField || !f.hasAccessor()) {
				continue;
			}
			Object value = f.get(instance);
			if (value == null || (f.javaType().isPrimitive() && isZero(value))) {
				continue;
			}
			if (!isContainer(value) || fetched(value) != null) {
				return true;
			}
		}
		return false;
	}

	/** Whether a value is a relation container (the two share no public type). */
	static boolean isContainer(@Nullable Object value) {
		return value instanceof ReverseRelation<?> || value instanceof ManyToManyRelation<?>;
	}

	/** The instances of a fetched relation container, or null when it is unfetched or no container. */
	static @Nullable List<?> fetched(@Nullable Object container) {
		if (container instanceof ReverseRelation<?> r && r.isFetched()) {
			return r.list();
		}
		if (container instanceof ManyToManyRelation<?> m && m.isFetched()) {
			return m.list();
		}
		return null;
	}

	private static boolean isZero(Object value) {
		return (value instanceof Number n && n.doubleValue() == 0) || Boolean.FALSE.equals(value)
				|| (value instanceof Character c && c == 0);
	}

}

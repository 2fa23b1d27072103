package dev.tortoise.spring.boot.json;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.tortoise.exceptions.ConfigurationException;
import dev.tortoise.models.FieldKind;
import dev.tortoise.models.FieldMeta;
import dev.tortoise.models.JsonModel;
import dev.tortoise.models.ModelMeta;
import org.jspecify.annotations.Nullable;

/**
 * What one model writes and reads as JSON, worked out once from its metadata and its
 * {@link JsonModel} annotation: the properties in field order and the names they are read by.
 */
final class ModelShape {

	/** One JSON property of a model. */
	enum Kind {

		/** A column of data, written and read as its Java type. */
		DATA,
		/** A foreign or one-to-one key under its column name ({@code tournament_id}). */
		RAW_KEY,
		/** A forward foreign or one-to-one relation: the related object when fetched. */
		TO_ONE,
		/** A backward one-to-one relation: the related object when fetched; never read. */
		BACKWARD_ONE,
		/** A relation to many: an array when fetched; never read. */
		TO_MANY,
		/** A computed value: a method's result; never read. */
		COMPUTED

	}

	record Property(String name, Kind kind, @Nullable FieldMeta field, @Nullable MethodHandle method) {
	}

	private final ModelMeta<?> meta;

	private final boolean rawKeys;

	private final List<Property> written;

	private final Map<String, Property> read;

	private ModelShape(ModelMeta<?> meta, boolean rawKeys, List<Property> written) {
		this.meta = meta;
		this.rawKeys = rawKeys;
		this.written = List.copyOf(written);
		Map<String, Property> byName = new HashMap<>();
		for (Property p : written) {
			if (p.kind() == Kind.DATA || p.kind() == Kind.RAW_KEY || p.kind() == Kind.TO_ONE) {
				byName.put(p.name(), p);
			}
		}
		this.read = Map.copyOf(byName);
	}

	ModelMeta<?> meta() {
		return this.meta;
	}

	/** Whether keys are written under their column names; else an unfetched relation is its bare key. */
	boolean rawKeys() {
		return this.rawKeys;
	}

	List<Property> written() {
		return this.written;
	}

	/** The property a JSON name is read into, or null when it is not read (unknown, excluded, read-only). */
	@Nullable Property read(String name) {
		return this.read.get(name);
	}

	/** Whether a name is one this model writes but never reads: a computed value or a relation to many. */
	boolean writtenOnly(String name) {
		for (Property p : this.written) {
			if (p.name().equals(name)) {
				return true;
			}
		}
		return false;
	}

	static ModelShape of(ModelMeta<?> meta) {
		JsonModel settings = meta.modelClass().getAnnotation(JsonModel.class);
		Set<String> include = names(settings != null ? settings.include() : new String[0]);
		Set<String> exclude = names(settings != null ? settings.exclude() : new String[0]);
		boolean rawKeys = settings == null || settings.rawKeys();
		Set<String> known = new LinkedHashSet<>();
		List<Property> properties = new ArrayList<>();
		for (FieldMeta f : meta.fields()) {
			known.add(f.name());
			boolean hasColumnKey = f.kind() == FieldKind.FK || f.kind() == FieldKind.O2O;
			if (hasColumnKey) {
				known.add(f.column());
			}
			if (!f.hasAccessor() || ignored(meta.modelClass(), f.name())) {
				continue;
			}
			if (hasColumnKey && rawKeys && chosen(f.column(), include, exclude)) {
				properties.add(new Property(f.column(), Kind.RAW_KEY, f, null));
			}
			if (chosen(f.name(), include, exclude)) {
				properties.add(new Property(f.name(), kindOf(f), f, null));
			}
		}
		for (String name : settings != null ? settings.computed() : new String[0]) {
			properties.add(new Property(name, Kind.COMPUTED, null, computed(meta, name)));
			known.add(name);
		}
		for (String name : union(include, exclude)) {
			if (!known.contains(name)) {
				throw new ConfigurationException("@JsonModel of model " + meta.fullName() + " names '" + name
						+ "', which is none of its fields " + known + ". Name a field of the model.");
			}
		}
		return new ModelShape(meta, rawKeys, properties);
	}

	private static Kind kindOf(FieldMeta f) {
		return switch (f.kind()) {
			case DATA -> Kind.DATA;
			case FK, O2O -> Kind.TO_ONE;
			case BACKWARD_O2O -> Kind.BACKWARD_ONE;
			case M2M, BACKWARD_FK, BACKWARD_M2M -> Kind.TO_MANY;
		};
	}

	private static boolean chosen(String name, Set<String> include, Set<String> exclude) {
		return (include.isEmpty() || include.contains(name)) && !exclude.contains(name);
	}

	/** Whether the Java field is marked {@code @JsonIgnore}, which the module honours as Jackson would. */
	private static boolean ignored(Class<?> type, String name) {
		for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
			try {
				Field field = c.getDeclaredField(name);
				JsonIgnore ignore = field.getAnnotation(JsonIgnore.class);
				return ignore != null && ignore.value();
			}
			catch (NoSuchFieldException ex) {
				// declared higher up
			}
		}
		return false;
	}

	private static MethodHandle computed(ModelMeta<?> meta, String name) {
		try {
			java.lang.reflect.Method method = meta.modelClass().getMethod(name);
			if (java.lang.reflect.Modifier.isStatic(method.getModifiers()) || method.getReturnType() == void.class) {
				throw new NoSuchMethodException(name);
			}
			return MethodHandles.publicLookup().unreflect(method)
				.asType(MethodType.methodType(Object.class, Object.class));
		}
		catch (NoSuchMethodException | IllegalAccessException ex) {
			throw new ConfigurationException("@JsonModel of model " + meta.fullName() + " computes '" + name
					+ "', but " + meta.modelClass().getName() + " has no public instance method " + name
					+ "() without arguments that returns a value. Declare one, or remove it from computed.");
		}
	}

	private static Set<String> names(String[] names) {
		return new LinkedHashSet<>(Arrays.asList(names));
	}

	private static Set<String> union(Set<String> a, Set<String> b) {
		Set<String> all = new LinkedHashSet<>(a);
		all.addAll(b);
		return all;
	}

}

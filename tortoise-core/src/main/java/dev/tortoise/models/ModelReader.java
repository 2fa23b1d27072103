package dev.tortoise.models;

import java.lang.annotation.Annotation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import dev.tortoise.exceptions.ConfigurationException;
import dev.tortoise.fields.DefaultFactory;
import dev.tortoise.fields.FieldType;
import dev.tortoise.fields.ForeignKeyField;
import dev.tortoise.fields.ManyToManyField;
import dev.tortoise.fields.ManyToManyRelation;
import dev.tortoise.fields.OneToOneField;
import dev.tortoise.fields.ReverseRelation;
import dev.tortoise.fields.TortoiseField;
import org.jspecify.annotations.Nullable;

/**
 * Reads one model class into a {@link ModelMeta} with its own fields; relations are
 * linked afterwards by {@link RelationLinker}. All reflection happens here, once.
 */
final class ModelReader {

	/** A Java field declared for a backward relation, waiting for the relation that fills it. */
	record DeclaredBackward(ModelMeta<?> owner, Field field, FieldKind kind, @Nullable Class<?> elementType) {
	}

	private final @Nullable Function<Class<?>, String> tableNameGenerator;

	private final List<DeclaredBackward> declaredBackward = new ArrayList<>();

	ModelReader(@Nullable Function<Class<?>, String> tableNameGenerator) {
		this.tableNameGenerator = tableNameGenerator;
	}

	List<DeclaredBackward> declaredBackward() {
		return this.declaredBackward;
	}

	<T> ModelMeta<T> read(Class<T> type, String app) {
		Model model = type.getAnnotation(Model.class);
		String table = tableName(type, model);
		ModelMeta<T> meta = new ModelMeta<>(type, app, table, (model != null) ? model.description() : "",
				constructor(type));
		if (model != null && !model.schema().isEmpty()) {
			meta.setSchema(model.schema());
		}
		List<FieldMeta> relations = new ArrayList<>();
		List<FieldMeta> manyToMany = new ArrayList<>();
		for (Field field : mappedFields(type)) {
			FieldMeta f = readField(meta, field);
			if (f == null) {
				continue;
			}
			if ((meta.fieldNamed(f.name()) != null) || relations.stream().anyMatch((r) -> r.name().equals(f.name()))) {
				throw new ConfigurationException("Model " + type.getSimpleName() + " declares field \"" + f.name()
						+ "\" twice (in the class and in a superclass). Rename one of them.");
			}
			switch (f.kind()) {
				case FK:
				case O2O:
					relations.add(f);
					break;
				case M2M:
					manyToMany.add(f);
					break;
				default:
					meta.add(f);
			}
		}
		// Tortoise adds relation columns after the data columns, in declaration order.
		relations.forEach(meta::add);
		manyToMany.forEach(meta::add);
		assignPrimaryKey(meta);
		return meta;
	}

	private String tableName(Class<?> type, @Nullable Model model) {
		if (model != null && !model.table().isEmpty()) {
			return model.table();
		}
		if (this.tableNameGenerator != null) {
			String name = this.tableNameGenerator.apply(type);
			if (name == null || name.isBlank()) {
				throw new ConfigurationException("The table-name generator returned no name for model "
						+ type.getSimpleName() + ". Make it return a name for every model, or set @Model(table = ...).");
			}
			return name;
		}
		return type.getSimpleName().toLowerCase(Locale.ROOT);
	}

	private static MethodHandle constructor(Class<?> type) {
		try {
			MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
			return lookup.findConstructor(type, MethodType.methodType(void.class));
		}
		catch (NoSuchMethodException ex) {
			throw new ConfigurationException("Model " + type.getSimpleName()
					+ " has no constructor without arguments. Add one (any visibility will do).");
		}
		catch (IllegalAccessException ex) {
			throw new ConfigurationException("Model " + type.getSimpleName()
					+ " cannot be accessed by Tortoise: " + ex.getMessage()
					+ ". Open its package to dev.tortoise.core if it lives in a named module.", ex);
		}
	}

	/** Fields of the class and its superclasses, root first, as Tortoise's mixins do. */
	private static List<Field> mappedFields(Class<?> type) {
		Deque<Class<?>> chain = new ArrayDeque<>();
		for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
			chain.push(c);
		}
		List<Field> out = new ArrayList<>();
		for (Class<?> c : chain) {
			for (Field f : c.getDeclaredFields()) {
				int mod = f.getModifiers();
				if (Modifier.isStatic(mod) || Modifier.isTransient(mod) || f.isSynthetic()) {
					continue;
				}
				out.add(f);
			}
		}
		return out;
	}

	private @Nullable FieldMeta readField(ModelMeta<?> meta, Field field) {
		String where = meta.name() + "." + field.getName();
		List<Annotation> annotations = new ArrayList<>();
		for (Annotation a : field.getAnnotations()) {
			Class<? extends Annotation> t = a.annotationType();
			if (t == ForeignKeyField.class || t == OneToOneField.class || t == ManyToManyField.class
					|| t.isAnnotationPresent(TortoiseField.class)) {
				annotations.add(a);
			}
		}
		if (annotations.size() > 1) {
			throw new ConfigurationException("Field " + where + " has " + annotations.size()
					+ " field annotations; keep exactly one.");
		}
		Annotation annotation = annotations.isEmpty() ? null : annotations.get(0);
		Class<?> javaType = field.getType();
		if (annotation instanceof ForeignKeyField fk) {
			return relation(meta, field, FieldKind.FK, fk.value(), fk.relatedName(), fk.onDelete(), fk.dbConstraint(),
					fk.description(), fk.toField(), fk.source(), fk.nullable(), fk.index(), fk.pk());
		}
		if (annotation instanceof OneToOneField o2o) {
			return relation(meta, field, FieldKind.O2O, o2o.value(), o2o.relatedName(), o2o.onDelete(),
					o2o.dbConstraint(), o2o.description(), o2o.toField(), o2o.source(), o2o.nullable(), o2o.index(),
					o2o.pk());
		}
		if (annotation instanceof ManyToManyField m2m) {
			if (javaType != ManyToManyRelation.class) {
				throw new ConfigurationException("Field " + where + " is a @ManyToManyField but its type is "
						+ javaType.getSimpleName() + ". Declare it as ManyToManyRelation<" + "Target>.");
			}
			FieldMeta f = new FieldMeta(meta, field.getName(), FieldKind.M2M);
			f.setJavaType(elementType(field, where));
			bindAccessors(f, field);
			f.setReference(m2m.value());
			f.setRelatedName(m2m.relatedName());
			f.setOnDelete(m2m.onDelete());
			f.setDbConstraint(m2m.dbConstraint());
			f.setDescription(m2m.description());
			f.setThrough(m2m.through());
			f.setForwardKey(m2m.forwardKey());
			f.setBackwardKey(m2m.backwardKey());
			f.setCreateUniqueIndex(m2m.createUniqueIndex());
			return f;
		}
		if (annotation == null) {
			if (javaType == ReverseRelation.class) {
				this.declaredBackward.add(new DeclaredBackward(meta, field, FieldKind.BACKWARD_FK, elementType(field, where)));
				return null;
			}
			if (javaType == ManyToManyRelation.class) {
				this.declaredBackward.add(
						new DeclaredBackward(meta, field, FieldKind.BACKWARD_M2M, elementType(field, where)));
				return null;
			}
			if (javaType.isAnnotationPresent(Model.class)) {
				this.declaredBackward.add(new DeclaredBackward(meta, field, FieldKind.BACKWARD_O2O, javaType));
				return null;
			}
		}
		return dataField(meta, field, annotation, where);
	}

	private FieldMeta dataField(ModelMeta<?> meta, Field field, @Nullable Annotation annotation, String where) {
		Class<?> javaType = field.getType();
		FieldType type;
		if (annotation != null) {
			type = annotation.annotationType().getAnnotation(TortoiseField.class).value();
			if (!TypeNames.accepts(type, javaType)) {
				throw new ConfigurationException("Field " + where + " is annotated @"
						+ annotation.annotationType().getSimpleName() + " but its Java type is " + javaType.getSimpleName()
						+ "; that annotation takes " + TypeNames.expected(type) + ".");
			}
		}
		else {
			type = TypeNames.infer(javaType);
			if (type == null) {
				String hint = (javaType.getName().equals("java.math.BigDecimal"))
						? "Annotate it with @DecimalField(maxDigits = ..., decimalPlaces = ...)."
						: "Use a supported type (int, long, short, String, boolean, double, BigDecimal, a java.time type, UUID, byte[], an enum), annotate it with @JSONField, or mark it transient.";
				throw new ConfigurationException("Field " + where + " has unsupported Java type "
						+ field.getGenericType().getTypeName() + ". " + hint);
			}
		}
		FieldMeta f = new FieldMeta(meta, field.getName(), FieldKind.DATA);
		f.setType(type);
		f.setJavaType(javaType);
		bindAccessors(f, field);
		f.setMaxLength((type == FieldType.CHAR) ? 255 : 0);
		String source = "";
		String defaultText = "";
		if (annotation != null) {
			Attributes a = new Attributes(annotation);
			f.setPk(a.bool("pk", false));
			f.setGenerated(a.bool("generated", true));
			f.setNullable(a.bool("nullable", false));
			f.setUnique(a.bool("unique", false));
			f.setIndex(a.bool("index", false));
			f.setDescription(a.string("description"));
			source = a.string("source");
			defaultText = a.string("defaultValue");
			f.setAutoNow(a.bool("autoNow", false));
			f.setAutoNowAdd(a.bool("autoNowAdd", false));
			f.setMaxLength(a.integer("maxLength", f.maxLength()));
			f.setMaxDigits(a.integer("maxDigits", 0));
			f.setDecimalPlaces(a.integer("decimalPlaces", 0));
		}
		else {
			f.setGenerated(true);
		}
		f.setColumn(source.isEmpty() ? snakeCase(field.getName()) : source);
		if (type == FieldType.CHAR_ENUM || type == FieldType.INT_ENUM) {
			readEnum(f, type, javaType, where);
		}
		validateData(f, where);
		readDefaultFactory(f, field, where, !defaultText.isEmpty());
		readJsonCodec(f, field, where);
		if (type == FieldType.ARRAY) {
			readArrayElement(f, field, annotation, where);
		}
		f.setChecks(FieldChecks.read(field, where));
		if (!defaultText.isEmpty()) {
			try {
				Object value = TypeNames.parseDefault(type, javaType, defaultText);
				if (type == FieldType.JSON && !(value instanceof String)) {
					// Tortoise's default={...}: each new row gets its own copy, never one shared mutable value.
					FieldType json = type;
					Class<?> target = javaType;
					String text = defaultText;
					f.setJsonDefault(() -> TypeNames.parseDefault(json, target, text), text);
				}
				else {
					f.setDefaultValue(value);
				}
			}
			catch (RuntimeException ex) {
				throw new ConfigurationException("Field " + where + " has default value \"" + defaultText
						+ "\", which is not a valid " + javaType.getSimpleName() + ": " + ex.getMessage() + ".");
			}
		}
		return f;
	}

	/**
	 * A {@code @DefaultFactory}, or for a UUID primary key without a default a random UUID,
	 * as Tortoise gives such a key {@code default=uuid4}.
	 */
	private static void readDefaultFactory(FieldMeta f, Field field, String where, boolean hasDefaultValue) {
		DefaultFactory annotation = field.getAnnotation(DefaultFactory.class);
		if (annotation == null) {
			if (f.pk() && f.type() == FieldType.UUID && !hasDefaultValue) {
				f.setDefaultFactory(java.util.UUID::randomUUID, "uuid.uuid4");
			}
			return;
		}
		if (hasDefaultValue) {
			throw new ConfigurationException("Field " + where + " has both defaultValue and @DefaultFactory; keep one.");
		}
		f.setDefaultFactory(FieldChecks.instantiate(annotation.value(), where, "@DefaultFactory"),
				annotation.value().getName());
	}

	private static void readArrayElement(FieldMeta f, Field field, @Nullable Annotation annotation, String where) {
		String element = (annotation != null) ? new Attributes(annotation).string("elementType") : "";
		Class<?> javaClass = dev.tortoise.types.TypeHandler.arrayElementClass(element);
		if (javaClass == null || !element.matches("[A-Za-z0-9 ]+(\\(\\d+(,\\s*\\d+)?\\))?")) {
			throw new ConfigurationException("Field " + where + " is an @ArrayField of elementType \"" + element
					+ "\", which is not one we bind. Use one of: " + dev.tortoise.types.TypeHandler.arrayElementTypes() + ".");
		}
		Class<?> declared = dev.tortoise.types.TypeHandler.declaredArrayElement(field.getType(), field.getGenericType());
		if (declared != javaClass) {
			throw new ConfigurationException("Field " + where + " is an @ArrayField of " + element + ", whose elements are "
					+ javaClass.getSimpleName() + "s, but it is declared " + field.getGenericType().getTypeName()
					+ ". Declare it List<" + javaClass.getSimpleName() + "> or " + javaClass.getSimpleName() + "[].");
		}
		f.setArrayElement(element, javaClass);
	}

	@SuppressWarnings("unchecked")
	private static void readJsonCodec(FieldMeta f, Field field, String where) {
		dev.tortoise.fields.JSONField annotation = field.getAnnotation(dev.tortoise.fields.JSONField.class);
		if (annotation != null && annotation.codec() != dev.tortoise.fields.JsonCodec.class) {
			f.setJsonCodec((dev.tortoise.fields.JsonCodec<Object>) FieldChecks.instantiate(annotation.codec(), where,
					"@JSONField(codec = ...)"));
		}
	}

	private static void readEnum(FieldMeta f, FieldType type, Class<?> javaType, String where) {
		try {
			if (type == FieldType.CHAR_ENUM && f.maxLength() == 0) {
				f.setMaxLength(dev.tortoise.types.EnumValues.longestText(javaType));
			}
			if (f.description().isEmpty()) {
				// Tortoise's own comment for an enum field without a description.
				f.setDescription(dev.tortoise.types.EnumValues.description(javaType, type == FieldType.INT_ENUM));
			}
		}
		catch (IllegalStateException ex) {
			throw new ConfigurationException("Field " + where + " has an enum whose stored values cannot be read: "
					+ ex.getMessage(), ex);
		}
	}

	private static void validateData(FieldMeta f, String where) {
		if ((f.type() == FieldType.CHAR || f.type() == FieldType.CHAR_ENUM) && f.maxLength() < 1) {
			throw new ConfigurationException("Field " + where + " needs maxLength of at least 1, got " + f.maxLength() + ".");
		}
		if (f.type() == FieldType.DECIMAL) {
			if (f.maxDigits() < 1) {
				throw new ConfigurationException("Field " + where + " needs maxDigits of at least 1, got "
						+ f.maxDigits() + ".");
			}
			if (f.decimalPlaces() < 0 || f.decimalPlaces() > f.maxDigits()) {
				throw new ConfigurationException("Field " + where + " needs decimalPlaces between 0 and maxDigits ("
						+ f.maxDigits() + "), got " + f.decimalPlaces() + ".");
			}
		}
		if ((f.autoNow() || f.autoNowAdd()) && f.type() != FieldType.DATETIME && f.type() != FieldType.TIME) {
			throw new ConfigurationException("Field " + where
					+ " sets autoNow or autoNowAdd, which only datetime and time fields have.");
		}
		if (f.autoNow() && f.autoNowAdd()) {
			throw new ConfigurationException("Field " + where
					+ " sets both autoNow and autoNowAdd; keep one (autoNow already sets the value on creation).");
		}
		if (f.pk() && f.nullable()) {
			throw new ConfigurationException("Field " + where + " is the primary key and cannot be nullable.");
		}
		if (f.pk() && f.type() != null && !f.type().isInteger()) {
			f.setGenerated(false);
		}
	}

	private FieldMeta relation(ModelMeta<?> meta, Field field, FieldKind kind, String reference, String relatedName,
			dev.tortoise.fields.OnDelete onDelete, boolean dbConstraint, String description, String toField,
			String source, boolean nullable, boolean index, boolean pk) {
		String where = meta.name() + "." + field.getName();
		if (field.getType().isPrimitive() || field.getType() == String.class || TypeNames.isCollection(field.getType())) {
			throw new ConfigurationException("Field " + where + " is a relation but its type is "
					+ field.getType().getSimpleName() + ". Declare it with the related model's class as its type.");
		}
		FieldMeta f = new FieldMeta(meta, field.getName(), kind);
		f.setJavaType(field.getType());
		bindAccessors(f, field);
		f.setReference(reference);
		f.setRelatedName(relatedName);
		f.setOnDelete(onDelete);
		f.setDbConstraint(dbConstraint);
		f.setDescription(description);
		f.setToFieldName(toField);
		f.setNullable(nullable);
		f.setIndex(index);
		f.setPk(pk);
		f.setUnique((kind == FieldKind.O2O));
		f.setColumn(source.isEmpty() ? snakeCase(field.getName()) + "_id" : source);
		if (pk && nullable) {
			throw new ConfigurationException("Field " + where + " is the primary key and cannot be nullable.");
		}
		return f;
	}

	private static void assignPrimaryKey(ModelMeta<?> meta) {
		List<FieldMeta> pks = new ArrayList<>();
		for (FieldMeta f : meta.fields()) {
			if (f.pk()) {
				pks.add(f);
			}
		}
		if (pks.size() > 1) {
			throw new ConfigurationException("Model " + meta.name() + " has more than one primary key: "
					+ String.join(", ", pks.stream().map(FieldMeta::name).toList()) + ". Keep pk = true on one field.");
		}
		if (pks.isEmpty()) {
			FieldMeta id = meta.fieldNamed("id");
			if (id == null || !id.kind().hasColumn()) {
				throw new ConfigurationException("Model " + meta.name()
						+ " has no primary key. Add a field named \"id\" or mark one field with pk = true.");
			}
			id.setPk(true);
			if (id.type() != null && !id.type().isInteger()) {
				id.setGenerated(false);
			}
			if (id.nullable()) {
				throw new ConfigurationException("Field " + meta.name() + ".id is the primary key and cannot be nullable.");
			}
			pks.add(id);
		}
		FieldMeta pk = pks.get(0);
		if (pk.kind() != FieldKind.DATA) {
			pk.setGenerated(false);
		}
		pk.setUnique(false);
		meta.setPk(pk);
	}

	private static Class<?> elementType(Field field, String where) {
		Type generic = field.getGenericType();
		if (generic instanceof ParameterizedType p && p.getActualTypeArguments()[0] instanceof Class<?> c) {
			return c;
		}
		throw new ConfigurationException("Field " + where + " must name the related model as its type argument, e.g. "
				+ field.getType().getSimpleName() + "<Team>.");
	}

	/** Binds the field's erased getter and setter to a field metadata. */
	static void bindAccessors(FieldMeta meta, Field field) {
		try {
			MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(field.getDeclaringClass(), MethodHandles.lookup());
			meta.setGetter(lookup.unreflectGetter(field).asType(MethodType.methodType(Object.class, Object.class)));
			meta.setSetter(lookup.unreflectSetter(field)
				.asType(MethodType.methodType(void.class, Object.class, Object.class)));
			meta.setGenericType(field.getGenericType());
		}
		catch (IllegalAccessException ex) {
			throw new ConfigurationException("Field " + field.getDeclaringClass().getSimpleName() + "."
					+ field.getName() + " cannot be accessed by Tortoise: " + ex.getMessage(), ex);
		}
	}

	/** {@code talksTo} → {@code talks_to}, {@code someURLValue} → {@code some_url_value}. */
	static String snakeCase(String name) {
		StringBuilder out = new StringBuilder(name.length() + 4);
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			if (Character.isUpperCase(c)) {
				boolean prevLowerOrDigit = i > 0
						&& (Character.isLowerCase(name.charAt(i - 1)) || Character.isDigit(name.charAt(i - 1)));
				boolean acronymEnd = i > 0 && Character.isUpperCase(name.charAt(i - 1)) && i + 1 < name.length()
						&& Character.isLowerCase(name.charAt(i + 1));
				if (prevLowerOrDigit || acronymEnd) {
					out.append('_');
				}
				out.append(Character.toLowerCase(c));
			}
			else {
				out.append(c);
			}
		}
		return out.toString();
	}

	/** Reads the shared attributes of a field annotation by name, once per field at init. */
	private static final class Attributes {

		private final Map<String, Object> values = new LinkedHashMap<>();

		Attributes(Annotation annotation) {
			for (Method m : annotation.annotationType().getDeclaredMethods()) {
				if (m.getParameterCount() == 0) {
					try {
						this.values.put(m.getName(), m.invoke(annotation));
					}
					catch (ReflectiveOperationException ex) {
						throw new IllegalStateException(ex);
					}
				}
			}
		}

		boolean bool(String name, boolean fallback) {
			Object v = this.values.get(name);
			return (v instanceof Boolean b) ? b : fallback;
		}

		int integer(String name, int fallback) {
			Object v = this.values.get(name);
			return (v instanceof Integer i) ? i : fallback;
		}

		String string(String name) {
			Object v = this.values.get(name);
			return (v instanceof String s) ? s : "";
		}

	}

}

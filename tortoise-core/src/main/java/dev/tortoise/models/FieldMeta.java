package dev.tortoise.models;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.tortoise.fields.FieldType;
import dev.tortoise.fields.OnDelete;
import org.jspecify.annotations.Nullable;

/**
 * Everything known about one field of a model, computed once at init. Relation fields
 * are linked to their model and to the field on the other side. Written only while the
 * models are read and linked; immutable once {@link Apps} is built (every setter fails
 * after its model is frozen), so it is shared by every thread without locks.
 */
public final class FieldMeta {

	final String name;

	final FieldKind kind;

	final ModelMeta<?> owner;

	// Set while reading the model.
	private @Nullable String column;

	private @Nullable FieldType type;

	private Class<?> javaType = Object.class;

	private Type genericType = Object.class;

	// Erased to (Object)Object and (Object,Object)void once, so row mapping calls invokeExact.
	private @Nullable MethodHandle getter;

	private @Nullable MethodHandle setter;

	private boolean pk;

	private boolean generated;

	private boolean nullable;

	private boolean unique;

	private boolean index;

	private String description = "";

	private @Nullable Object defaultValue;

	/** The field's validators, with Tortoise's messages; empty for most fields. */
	private List<java.util.function.Consumer<Object>> checks = List.of();

	/** Computes a new instance's default (Tortoise's callable default), or null. */
	private @Nullable Supplier<?> defaultFactory;

	/** How {@code describe()} names the factory, as Tortoise names a callable. */
	private String defaultFactoryName = "";

	/** Whether the default factory is a JSON field's structured default, which describe() shows as its value. */
	private boolean jsonDefault;

	private dev.tortoise.fields.@Nullable JsonCodec<Object> jsonCodec;

	private String arrayElement = "";

	private Class<?> arrayElementClass = Object.class;

	private boolean autoNow;

	private boolean autoNowAdd;

	private int maxLength;

	private int maxDigits;

	private int decimalPlaces;

	// Relations.
	private @Nullable String reference;

	private @Nullable String relatedName;

	private OnDelete onDelete = OnDelete.CASCADE;

	private boolean dbConstraint = true;

	private @Nullable String toFieldName;

	private @Nullable String through;

	private @Nullable String forwardKey;

	private @Nullable String backwardKey;

	private boolean createUniqueIndex = true;

	// Set while linking.
	private @Nullable ModelMeta<?> related;

	private @Nullable FieldMeta toField;

	private @Nullable FieldMeta opposite;

	FieldMeta(ModelMeta<?> owner, String name, FieldKind kind) {
		this.owner = owner;
		this.name = name;
		this.kind = kind;
	}

	/** The Java field name, or the backward relation's name. */
	public String name() {
		return this.name;
	}

	/** The column in the owner's table, or null for many-to-many and backward relations. */
	public @Nullable String column() {
		return this.column;
	}

	/** What this field is. */
	public FieldKind kind() {
		return this.kind;
	}

	/** The model this field belongs to. */
	public ModelMeta<?> owner() {
		return this.owner;
	}

	/** The model on the other side of a relation, or null for data fields. */
	public @Nullable Class<?> relatedModel() {
		return (this.related != null) ? this.related.modelClass() : null;
	}

	/** Metadata of the model on the other side of a relation, or null for data fields. */
	public @Nullable ModelMeta<?> related() {
		return this.related;
	}

	/**
	 * The column's data type: the field's own for data fields, the referenced field's for
	 * foreign keys and one-to-one relations, null for the others.
	 */
	public @Nullable FieldType type() {
		return this.type;
	}

	/** The declared Java type of the field. */
	public Class<?> javaType() {
		return this.javaType;
	}

	/** The declared generic type of the field, e.g. {@code Map<String, Object>} for a JSON field. */
	public Type genericType() {
		return this.genericType;
	}

	/** Whether the column accepts NULL. */
	public boolean nullable() {
		return this.nullable;
	}

	/** Whether this is the primary key. */
	public boolean pk() {
		return this.pk;
	}

	/** Whether the database generates the value (auto-increment primary key). */
	public boolean generated() {
		return this.generated;
	}

	/** Whether the column is UNIQUE. */
	public boolean unique() {
		return this.unique;
	}

	/** Whether the column has an index of its own. */
	public boolean indexed() {
		return this.index;
	}

	/** The column comment; empty if none. */
	public String description() {
		return this.description;
	}

	/** The default value, already converted to the Java type, or null. */
	public @Nullable Object defaultValue() {
		return this.defaultValue;
	}

	List<java.util.function.Consumer<Object>> checks() {
		return this.checks;
	}

	void setChecks(List<java.util.function.Consumer<Object>> checks) {
		this.owner.checkOpen();
		this.checks = checks;
	}

	/**
	 * Runs the field's validators ({@code @MinValue}, {@code @Regex}, {@code @Validators}, ...)
	 * on a value about to be written.
	 * @throws dev.tortoise.exceptions.ValidationException naming the field, with Tortoise's message
	 */
	public void validate(@Nullable Object value) {
		if (value != null && !this.checks.isEmpty()) {
			FieldChecks.run(this, value);
		}
	}

	/** What computes each new instance's default ({@code @DefaultFactory}, a UUID key's random UUID), or null. */
	/**
	 * The schema of a many-to-many's through table: the one of the model that declares the
	 * relation, from either side; null for the connection's own.
	 */
	public @Nullable String throughSchema() {
		FieldMeta declaring = (this.kind == FieldKind.BACKWARD_M2M && this.opposite != null) ? this.opposite : this;
		return declaring.owner.schema();
	}

	/** An {@code ArrayField}'s element SQL type as declared ({@code int}, {@code varchar(20)}); empty for other fields. */
	public String arrayElement() {
		return this.arrayElement;
	}

	/** The Java class of an {@code ArrayField}'s elements. */
	public Class<?> arrayElementClass() {
		return this.arrayElementClass;
	}

	/** A JSON field's own codec ({@code @JSONField(codec = ...)}), or null for the built-in mapping. */
	public dev.tortoise.fields.@Nullable JsonCodec<Object> jsonCodec() {
		return this.jsonCodec;
	}

	public @Nullable Supplier<?> defaultFactory() {
		return this.defaultFactory;
	}

	/** Whether a datetime is set to now on every save. */
	public boolean autoNow() {
		return this.autoNow;
	}

	/** Whether a datetime is set to now on creation. */
	public boolean autoNowAdd() {
		return this.autoNowAdd;
	}

	/** VARCHAR length of char and char-enum fields, else 0. */
	public int maxLength() {
		return this.maxLength;
	}

	/** Total digits of a decimal field, else 0. */
	public int maxDigits() {
		return this.maxDigits;
	}

	/** Digits after the point of a decimal field, else 0. */
	public int decimalPlaces() {
		return this.decimalPlaces;
	}

	/** The relation's {@code ON DELETE} rule. */
	public OnDelete onDelete() {
		return this.onDelete;
	}

	/** Whether the database enforces the relation with a FOREIGN KEY constraint. */
	public boolean dbConstraint() {
		return this.dbConstraint;
	}

	/** The name of the relation on the other side, or null if there is none. */
	public @Nullable String relatedName() {
		return this.relatedName;
	}

	/** The field of the related model a foreign key points at, or null. */
	public @Nullable FieldMeta toField() {
		return this.toField;
	}

	/** The field on the other side of a relation (forward for backward, and back), or null. */
	public @Nullable FieldMeta opposite() {
		return this.opposite;
	}

	/** Through table of a many-to-many relation, or null. */
	public @Nullable String through() {
		return this.through;
	}

	/** Through-table column pointing at the related model, or null. */
	public @Nullable String forwardKey() {
		return this.forwardKey;
	}

	/** Through-table column pointing at the owner model, or null. */
	public @Nullable String backwardKey() {
		return this.backwardKey;
	}

	/** Whether the through table of a many-to-many relation gets a unique index. */
	public boolean createUniqueIndex() {
		return this.createUniqueIndex;
	}

	/** Whether the owner class declares a Java field for this relation or value. */
	public boolean hasAccessor() {
		return this.setter != null;
	}

	/**
	 * The field's setter as a {@code (Object instance, Object value)void} handle, for code
	 * that composes the setters of a model into one handle (row mapping); null when the
	 * owner declares no Java field for it ({@link #hasAccessor}).
	 */
	public @Nullable MethodHandle setter() {
		return this.setter;
	}

	/** Reads the field from an instance of the owner model. */
	public @Nullable Object get(Object instance) {
		try {
			return (Object) accessor(this.getter).invokeExact(instance);
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Writes the field of an instance of the owner model. */
	public void set(Object instance, @Nullable Object value) {
		if (value == null && this.javaType.isPrimitive()) {
			return; // a primitive keeps its default rather than failing on NULL
		}
		try {
			accessor(this.setter).invokeExact(instance, value);
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
	}

	private MethodHandle accessor(@Nullable MethodHandle handle) {
		if (handle == null) {
			throw new IllegalStateException("Model " + this.owner.name() + " declares no Java field for "
					+ this.name + "; declare one to read or write it on instances.");
		}
		return handle;
	}

	/**
	 * Tortoise's {@code describe()} of the field, JSON-serialisable, key for key: data fields
	 * with their column, Python type and column types per dialect; relations without a column
	 * but with their related model, foreign keys with their raw {@code _id} field.
	 */
	Map<String, Object> describe() {
		boolean data = this.kind == FieldKind.DATA;
		boolean forward = this.kind == FieldKind.FK || this.kind == FieldKind.O2O;
		boolean m2m = this.kind == FieldKind.M2M || this.kind == FieldKind.BACKWARD_M2M;
		Map<String, Object> d = new LinkedHashMap<>();
		d.put("name", this.name);
		d.put("field_type", fieldTypeName());
		if (data) {
			d.put("db_column", this.column);
		}
		if (forward) {
			d.put("raw_field", this.name + "_id");
		}
		d.put("python_type", data ? FieldDescriptions.pythonType(this.type)
				: (this.related != null) ? this.related.app() + "." + this.related.name() : null);
		// As Tortoise: only a key the database generates is "generated".
		d.put("generated", generatedKey());
		boolean backward = this.kind == FieldKind.BACKWARD_FK || this.kind == FieldKind.BACKWARD_O2O;
		d.put("nullable", backward && this.opposite != null ? this.opposite.nullable : !m2m && this.nullable);
		boolean unique = this.unique || this.pk || this.kind == FieldKind.O2O;
		d.put("unique", !backward && !m2m && unique);
		d.put("indexed", !backward && !m2m && (this.index || unique));
		d.put("default", data ? describedDefault() : null);
		d.put("description", this.description.isEmpty() ? null : this.description);
		d.put("docstring", null);
		d.put("constraints", data ? constraints(this.type, this.maxLength, generatedKey(), this.autoNow || this.autoNowAdd)
				: Map.of());
		if (data) {
			d.put("db_field_types", FieldDescriptions.dbFieldTypes(this.type, this.maxLength, this.maxDigits,
					this.decimalPlaces, this.arrayElement));
			if (this.type == FieldType.DATETIME || this.type == FieldType.TIME) {
				d.put("auto_now_add", this.autoNow || this.autoNowAdd);
				d.put("auto_now", this.autoNow);
			}
		}
		if (forward) {
			d.put("on_delete", this.onDelete.sql());
		}
		if (this.kind.isRelation()) {
			d.put("db_constraint", this.dbConstraint);
		}
		if (m2m) {
			d.put("model_name", (this.related != null) ? this.related.app() + "." + this.related.name() : null);
			d.put("related_name", this.relatedName);
			d.put("forward_key", this.forwardKey);
			d.put("backward_key", this.backwardKey);
			d.put("through", this.through);
			d.put("on_delete", this.onDelete.sql());
			d.put("_generated", this.kind == FieldKind.BACKWARD_M2M);
		}
		return d;
	}

	/**
	 * Tortoise's describe() of the data field a foreign key or one-to-one adds ({@code {name}_id}),
	 * which Tortoise lists among the data fields: the type of the key it refers to, no default.
	 */
	Map<String, Object> describeRawField() {
		FieldMeta target = this.toField;
		Map<String, Object> d = new LinkedHashMap<>();
		d.put("name", this.name + "_id");
		d.put("field_type", target.fieldTypeName());
		d.put("db_column", this.column);
		d.put("python_type", FieldDescriptions.pythonType(target.type));
		d.put("generated", false);
		d.put("nullable", this.nullable);
		boolean unique = this.unique || this.kind == FieldKind.O2O;
		d.put("unique", unique);
		d.put("indexed", this.index || unique);
		d.put("default", null);
		d.put("description", this.description.isEmpty() ? null : this.description);
		d.put("docstring", null);
		// As Tortoise's integer fields: a reference to another key starts at 1, like a generated key.
		d.put("constraints", constraints(target.type, target.maxLength, true, false));
		d.put("db_field_types", FieldDescriptions.dbFieldTypes(target.type, target.maxLength, target.maxDigits,
				target.decimalPlaces, target.arrayElement));
		return d;
	}

	/** Whether the database generates the field's values: an auto-increment integer key. */
	public boolean generatedKey() {
		return this.pk && this.generated && this.kind == FieldKind.DATA && this.type != null && this.type.isInteger();
	}

	/** The default as Tortoise's {@code describe()} gives it: JSON's own types as they are, anything else as Python's {@code str()}. */
	private @Nullable Object describedDefault() {
		if (this.defaultFactory != null) {
			return this.jsonDefault ? this.defaultFactory.get() : "<function " + this.defaultFactoryName + ">";
		}
		Object v = this.defaultValue;
		if (v == null || v instanceof Boolean || v instanceof String || v instanceof Integer || v instanceof Long
				|| v instanceof Short || v instanceof Double || v instanceof Float) {
			return v;
		}
		if (v instanceof Enum<?> e) {
			// An IntEnum is an int to json.dumps; any other member is Python's str() of it.
			return (this.type == FieldType.INT_ENUM) ? (Object) dev.tortoise.types.EnumValues.number(e)
					: e.getDeclaringClass().getSimpleName() + "." + e.name();
		}
		if (v instanceof java.time.Duration duration) {
			return dev.tortoise.types.PythonText.str(duration);
		}
		if (v instanceof java.time.temporal.TemporalAccessor t) {
			return dev.tortoise.types.PythonText.str(t);
		}
		return v.toString();
	}

	/** Tortoise's {@code constraints} of a field, in JSON Schema's terms. */
	private static Map<String, Object> constraints(FieldType type, int maxLength, boolean positive, boolean autoNow) {
		Map<String, Object> c = new LinkedHashMap<>();
		switch (type) {
			case SMALLINT, INT_ENUM -> range(c, positive ? 1L : -32768L, 32767L);
			case INT -> range(c, positive ? 1L : -2147483648L, 2147483647L);
			case BIGINT -> range(c, positive ? 1L : Long.MIN_VALUE, Long.MAX_VALUE);
			case CHAR, CHAR_ENUM -> c.put("max_length", maxLength);
			case DATETIME, TIME -> {
				if (autoNow) {
					c.put("readOnly", true);
				}
			}
			default -> {
			}
		}
		return c;
	}

	private static void range(Map<String, Object> c, long min, long max) {
		c.put("ge", min);
		c.put("le", max);
	}

	private String fieldTypeName() {
		switch (this.kind) {
			case FK:
				return "ForeignKeyFieldInstance";
			case O2O:
				return "OneToOneFieldInstance";
			case M2M, BACKWARD_M2M:
				// Tortoise gives the other side of a many-to-many a field of the same class.
				return "ManyToManyFieldInstance";
			case BACKWARD_FK:
				return "BackwardFKRelation";
			case BACKWARD_O2O:
				return "BackwardOneToOneRelation";
			default:
				// Tortoise's enum fields are instances made by a function of the field's name.
				return (this.type == FieldType.CHAR_ENUM || this.type == FieldType.INT_ENUM)
						? TypeNames.tortoiseName(this.type) + "Instance" : TypeNames.tortoiseName(this.type);
		}
	}

	@Nullable MethodHandle getter() {
		return this.getter;
	}

	@Nullable String reference() {
		return this.reference;
	}

	@Nullable String toFieldName() {
		return this.toFieldName;
	}

	// --- set while reading and linking the models, never after ----------------------------

	void setColumn(@Nullable String value) {
		this.owner.checkOpen();
		this.column = value;
	}

	void setType(@Nullable FieldType value) {
		this.owner.checkOpen();
		this.type = value;
	}

	void setJavaType(Class<?> value) {
		this.owner.checkOpen();
		this.javaType = value;
	}

	void setGenericType(Type value) {
		this.owner.checkOpen();
		this.genericType = value;
	}

	void setGetter(@Nullable MethodHandle value) {
		this.owner.checkOpen();
		this.getter = value;
	}

	void setSetter(@Nullable MethodHandle value) {
		this.owner.checkOpen();
		this.setter = value;
	}

	void setPk(boolean value) {
		this.owner.checkOpen();
		this.pk = value;
	}

	void setGenerated(boolean value) {
		this.owner.checkOpen();
		this.generated = value;
	}

	void setNullable(boolean value) {
		this.owner.checkOpen();
		this.nullable = value;
	}

	void setUnique(boolean value) {
		this.owner.checkOpen();
		this.unique = value;
	}

	void setIndex(boolean value) {
		this.owner.checkOpen();
		this.index = value;
	}

	void setDescription(String value) {
		this.owner.checkOpen();
		this.description = value;
	}

	void setDefaultValue(@Nullable Object value) {
		this.owner.checkOpen();
		this.defaultValue = value;
	}

	void setDefaultFactory(@Nullable Supplier<?> factory, String description) {
		this.owner.checkOpen();
		this.defaultFactory = factory;
		this.defaultFactoryName = description;
	}

	/** A JSON field's structured default ({@code default={...}}): a fresh copy per row, described as its value. */
	void setJsonDefault(Supplier<?> copies, String text) {
		setDefaultFactory(copies, text);
		this.jsonDefault = true;
	}

	void setArrayElement(String sqlType, Class<?> javaClass) {
		this.owner.checkOpen();
		this.arrayElement = sqlType;
		this.arrayElementClass = javaClass;
	}

	void setJsonCodec(dev.tortoise.fields.JsonCodec<Object> codec) {
		this.owner.checkOpen();
		this.jsonCodec = codec;
	}

	void setAutoNow(boolean value) {
		this.owner.checkOpen();
		this.autoNow = value;
	}

	void setAutoNowAdd(boolean value) {
		this.owner.checkOpen();
		this.autoNowAdd = value;
	}

	void setMaxLength(int value) {
		this.owner.checkOpen();
		this.maxLength = value;
	}

	void setMaxDigits(int value) {
		this.owner.checkOpen();
		this.maxDigits = value;
	}

	void setDecimalPlaces(int value) {
		this.owner.checkOpen();
		this.decimalPlaces = value;
	}

	void setReference(@Nullable String value) {
		this.owner.checkOpen();
		this.reference = value;
	}

	void setRelatedName(@Nullable String value) {
		this.owner.checkOpen();
		this.relatedName = value;
	}

	void setOnDelete(OnDelete value) {
		this.owner.checkOpen();
		this.onDelete = value;
	}

	void setDbConstraint(boolean value) {
		this.owner.checkOpen();
		this.dbConstraint = value;
	}

	void setToFieldName(@Nullable String value) {
		this.owner.checkOpen();
		this.toFieldName = value;
	}

	void setThrough(@Nullable String value) {
		this.owner.checkOpen();
		this.through = value;
	}

	void setForwardKey(@Nullable String value) {
		this.owner.checkOpen();
		this.forwardKey = value;
	}

	void setBackwardKey(@Nullable String value) {
		this.owner.checkOpen();
		this.backwardKey = value;
	}

	void setCreateUniqueIndex(boolean value) {
		this.owner.checkOpen();
		this.createUniqueIndex = value;
	}

	void setRelated(@Nullable ModelMeta<?> value) {
		this.owner.checkOpen();
		this.related = value;
	}

	void setToField(@Nullable FieldMeta value) {
		this.owner.checkOpen();
		this.toField = value;
	}

	void setOpposite(@Nullable FieldMeta value) {
		this.owner.checkOpen();
		this.opposite = value;
	}


	@Override
	public String toString() {
		return "FieldMeta[" + this.owner.name() + "." + this.name + ", " + this.kind
				+ ((this.column != null) ? ", column=" + this.column : "") + "]";
	}

}

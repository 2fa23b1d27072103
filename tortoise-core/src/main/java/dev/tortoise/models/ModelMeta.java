package dev.tortoise.models;

import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.tortoise.exceptions.FieldException;
import org.jspecify.annotations.Nullable;

/**
 * Everything known about one model, computed once at init: table, fields in column
 * order, primary key, relations in both directions, unique-together sets and indexes.
 *
 * @param <T> the model class
 */
public final class ModelMeta<T> {

	private final Class<T> modelClass;

	private final String app;

	final String table;

	final String description;

	private final MethodHandle constructor;

	private final String name;

	// Filled while reading and linking; immutable copies once frozen ({@link #freeze}).
	private List<FieldMeta> fields = new ArrayList<>();

	private Map<String, FieldMeta> byName = new LinkedHashMap<>();

	private List<FieldMeta> fieldsView = Collections.unmodifiableList(this.fields);

	/** The column fields, computed on first use after the last {@link #add}: every write asks for them. */
	private @Nullable List<FieldMeta> columns;

	private List<List<FieldMeta>> uniqueTogether = new ArrayList<>();

	private List<IndexDefinition> indexes = new ArrayList<>();

	private List<String> ordering = List.of();

	private @Nullable FieldMeta pk;

	/** Bound by init ({@link Apps#bindConnections}), the one thing that changes after the models are frozen. */
	private volatile @Nullable String connection;

	private boolean frozen;

	private @Nullable String schema;

	ModelMeta(Class<T> modelClass, String app, String table, String description, MethodHandle constructor) {
		this.modelClass = modelClass;
		this.app = app;
		this.table = table;
		this.description = description;
		// Erased once so each call is an exact invocation, not an adaptation looked up per call.
		this.constructor = constructor.asType(java.lang.invoke.MethodType.methodType(Object.class));
		this.name = modelClass.getSimpleName();
	}

	/** The model class. */
	public Class<T> modelClass() {
		return this.modelClass;
	}

	/** The model's name within its app: the simple class name. */
	public String name() {
		return this.name;
	}

	/** {@code "app.Model"}, the name relations use. */
	public String fullName() {
		return this.app + "." + name();
	}

	/** The app label. */
	public String app() {
		return this.app;
	}

	/** The table name. */
	public String table() {
		return this.table;
	}

	/** The table's schema ({@code @Model(schema)}), or null for the connection's own. */
	public @Nullable String schema() {
		return this.schema;
	}

	/** The table comment; empty if none. */
	public String description() {
		return this.description;
	}

	/** The connection the model's app uses by default; null before a connection is bound. */
	public @Nullable String connection() {
		return this.connection;
	}

	/** The primary key. */
	public FieldMeta pk() {
		if (this.pk == null) {
			throw new IllegalStateException("Model " + name() + " has no primary key yet");
		}
		return this.pk;
	}

	/**
	 * Every field: columns in table order, then many-to-many and backward relations.
	 */
	public List<FieldMeta> fields() {
		return this.fieldsView;
	}

	/** The fields that are columns of this model's table, in table order. */
	public List<FieldMeta> columns() {
		List<FieldMeta> cached = this.columns;
		if (cached == null) {
			// An immutable list, so a thread that sees the reference sees its elements too.
			cached = this.fields.stream().filter((f) -> f.kind().hasColumn()).collect(Collectors.toUnmodifiableList());
			this.columns = cached;
		}
		return cached;
	}

	/**
	 * The field with the given name. A foreign key is also found by its {@code {name}_id}
	 * and a column-backed field by its column.
	 * @throws FieldException naming the valid fields if there is none
	 */
	public FieldMeta field(String name) {
		FieldMeta f = findField(name);
		if (f == null) {
			throw new FieldException("Unknown field \"" + name + "\" for model " + name() + ". Valid fields: "
					+ String.join(", ", this.byName.keySet()) + ".");
		}
		return f;
	}

	/** The field with the given name, {@code {fk}_id} name or column, or null. */
	public @Nullable FieldMeta findField(String name) {
		FieldMeta f = this.byName.get(name);
		if (f != null) {
			return f;
		}
		for (FieldMeta candidate : this.fields) {
			if (candidate.kind().hasColumn() && name.equals(candidate.column())) {
				return candidate;
			}
			if ((candidate.kind() == FieldKind.FK || candidate.kind() == FieldKind.O2O)
					&& name.equals(candidate.name() + "_id")) {
				return candidate;
			}
		}
		return null;
	}

	/** Unique-together sets, each in column order. */
	public List<List<FieldMeta>> uniqueTogether() {
		return Collections.unmodifiableList(this.uniqueTogether);
	}

	/** Multi-column indexes, each in column order. */
	public List<List<FieldMeta>> indexes() {
		return this.indexes.stream().map(IndexDefinition::fields).toList();
	}

	/** The {@code @Index} annotations as read: fields, name, kind, condition and parser. */
	public List<IndexDefinition> indexDefinitions() {
		return Collections.unmodifiableList(this.indexes);
	}

	/**
	 * The no-argument constructor as a {@code ()Object} handle, for code that composes it
	 * with the setters ({@link FieldMeta#setter}) into one handle (row mapping).
	 */
	public MethodHandle constructor() {
		return this.constructor;
	}

	/** A new, empty instance made with the no-argument constructor. */
	@SuppressWarnings("unchecked")
	public T newInstance() {
		try {
			return (T) (Object) this.constructor.invokeExact();
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException("Could not instantiate model " + name(), ex);
		}
	}

	/** Tortoise's {@code Model.describe()}: a JSON-serialisable map. */
	public Map<String, Object> describe() {
		Map<String, Object> d = new LinkedHashMap<>();
		d.put("name", fullName());
		d.put("app", this.app);
		d.put("table", this.table);
		d.put("abstract", false);
		d.put("description", this.description.isEmpty() ? null : this.description);
		d.put("docstring", null);
		d.put("unique_together", namesOf(this.uniqueTogether));
		d.put("indexes", namesOf(indexes()));
		d.put("pk_field", (this.pk != null) ? this.pk.describe() : null);
		List<Map<String, Object>> data = describeKind(FieldKind.DATA, true);
		for (FieldMeta f : this.fields) {
			if ((f.kind() == FieldKind.FK || f.kind() == FieldKind.O2O) && f.toField() != null) {
				data.add(f.describeRawField());
			}
		}
		d.put("data_fields", data);
		d.put("fk_fields", describeKind(FieldKind.FK, false));
		d.put("backward_fk_fields", describeKind(FieldKind.BACKWARD_FK, false));
		d.put("o2o_fields", describeKind(FieldKind.O2O, false));
		d.put("backward_o2o_fields", describeKind(FieldKind.BACKWARD_O2O, false));
		// Tortoise lists both sides of a many-to-many here, the other side with "_generated": true.
		List<Map<String, Object>> m2m = describeKind(FieldKind.M2M, false);
		m2m.addAll(describeKind(FieldKind.BACKWARD_M2M, false));
		d.put("m2m_fields", m2m);
		return d;
	}

	private List<Map<String, Object>> describeKind(FieldKind kind, boolean skipPk) {
		List<Map<String, Object>> out = new ArrayList<>();
		for (FieldMeta f : this.fields) {
			if (f.kind() == kind && !(skipPk && f == this.pk)) {
				out.add(f.describe());
			}
		}
		return out;
	}

	private static List<List<String>> namesOf(List<List<FieldMeta>> sets) {
		List<List<String>> out = new ArrayList<>();
		for (List<FieldMeta> set : sets) {
			out.add(set.stream().map(FieldMeta::name).collect(Collectors.toList()));
		}
		return out;
	}

	void add(FieldMeta field) {
		checkOpen();
		this.columns = null;
		this.fields.add(field);
		this.byName.put(field.name(), field);
	}

	/** The field of this name itself, without {@link #findField}'s other spellings; null if none. */
	@Nullable FieldMeta fieldNamed(String name) {
		return this.byName.get(name);
	}

	void addUniqueTogether(List<FieldMeta> columns) {
		checkOpen();
		this.uniqueTogether.add(List.copyOf(columns));
	}

	void addIndex(IndexDefinition index) {
		checkOpen();
		this.indexes.add(index);
	}

	void setSchema(@Nullable String schema) {
		checkOpen();
		this.schema = schema;
	}

	void setOrdering(List<String> ordering) {
		checkOpen();
		this.ordering = List.copyOf(ordering);
	}

	/** The order of queries that give none ({@code @Model(ordering)}, Tortoise's {@code Meta.ordering}); empty if none. */
	public List<String> ordering() {
		return this.ordering;
	}

	void setPk(FieldMeta pk) {
		checkOpen();
		this.pk = pk;
	}

	void bindConnection(String connection) {
		this.connection = connection;
	}

	/**
	 * Ends reading and linking: from here on the model and its fields are immutable, so that
	 * they can be shared by every thread without locks, and a change is a bug found at once.
	 */
	void freeze() {
		this.fields = List.copyOf(this.fields);
		this.fieldsView = this.fields;
		this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(this.byName));
		this.uniqueTogether = List.copyOf(this.uniqueTogether);
		this.indexes = List.copyOf(this.indexes);
		this.columns = null;
		columns();
		this.frozen = true;
	}

	boolean isFrozen() {
		return this.frozen;
	}

	/** Fails if the model is frozen: metadata changes only while the models are read and linked. */
	void checkOpen() {
		if (this.frozen) {
			throw new IllegalStateException("Model " + fullName() + " is frozen: its metadata cannot change once the"
					+ " apps are built.");
		}
	}

	@Override
	public String toString() {
		return "ModelMeta[" + fullName() + ", table=" + this.table + "]";
	}

}

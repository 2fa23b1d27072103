package dev.tortoise.query;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import java.util.Map;

import dev.tortoise.fields.ManyToManyRelation;
import dev.tortoise.fields.ReverseRelation;
import dev.tortoise.models.FieldKind;
import dev.tortoise.models.FieldMeta;
import dev.tortoise.models.ModelMeta;
import dev.tortoise.query.sql.Column;
import io.r2dbc.spi.Row;
import org.jspecify.annotations.Nullable;

/**
 * Turns rows into instances of one model with metadata computed once: the columns in
 * select order with the class each is read as, the relation stubs to make, and the
 * containers to set. No reflection look-up happens per row.
 */
final class RowMapper<T> {

	private final ModelMeta<T> meta;

	private final FieldMeta[] columns;

	private final Class<?>[] dbClasses;

	private final FieldMeta[] containers;

	/** The unfetched container of each of {@link #containers}: immutable, so all instances share one. */
	private final Object[] unfetched;

	private final java.util.function.UnaryOperator<Object>[] decoders;

	/** Per column, the class of values its decoder would hand back unchanged, or null ({@link ValueCodec#readsAsIs}). */
	private final @Nullable Class<?>[] asIs;

	private final int pkIndex;

	/** Makes an instance from its column values ({@link #instantiator}). */
	private final MethodHandle instantiate;

	RowMapper(ModelMeta<T> meta, ValueCodec codec) {
		this.meta = meta;
		List<FieldMeta> cols = meta.columns();
		this.columns = cols.toArray(new FieldMeta[0]);
		this.dbClasses = new Class<?>[this.columns.length];
		for (int i = 0; i < this.columns.length; i++) {
			this.dbClasses[i] = codec.readClass(this.columns[i]);
		}
		this.containers = meta.fields().stream()
			.filter((f) -> f.hasAccessor() && (f.kind() == FieldKind.M2M || f.kind() == FieldKind.BACKWARD_M2M
					|| f.kind() == FieldKind.BACKWARD_FK))
			.toArray(FieldMeta[]::new);
		this.unfetched = new Object[this.containers.length];
		for (int i = 0; i < this.containers.length; i++) {
			FieldMeta f = this.containers[i];
			this.unfetched[i] = (f.kind() == FieldKind.BACKWARD_FK) ? ReverseRelation.unfetched(meta.name(), f.name())
					: ManyToManyRelation.unfetched(meta.name(), f.name());
		}
		this.decoders = decoders(codec, this.columns);
		this.asIs = new Class<?>[this.columns.length];
		for (int i = 0; i < this.columns.length; i++) {
			this.asIs[i] = codec.readsAsIs(this.columns[i]);
		}
		this.pkIndex = cols.indexOf(meta.pk());
		this.instantiate = instantiator(meta);
	}

	/** {@code (instance, row, offset, key)void}: what fills an instance from a row whose key was read first. */
	private static final MethodType FILL = MethodType.methodType(void.class, Object.class, Row.class, int.class,
			Object.class);

	private static final MethodHandle NON_NULL;

	private static final MethodHandle SET;

	private static final MethodHandle READ_COLUMN;

	static {
		try {
			MethodHandles.Lookup lookup = MethodHandles.lookup();
			NON_NULL = lookup.findStatic(java.util.Objects.class, "nonNull",
					MethodType.methodType(boolean.class, Object.class));
			SET = lookup.findVirtual(FieldMeta.class, "set", MethodType.methodType(void.class, Object.class, Object.class));
			READ_COLUMN = lookup.findStatic(RowMapper.class, "readColumn", MethodType.methodType(Object.class,
					Class.class, Class.class, java.util.function.UnaryOperator.class, int.class, Row.class, int.class));
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	/**
	 * One handle that makes a row's instance from the row: the model's constructor, each
	 * column's setter applied to the value read from its column (a relation's through a stub
	 * made from the key), then each container's setter to its unfetched container. A handle
	 * called from a field, not a constant, is not inlined where it is called, so a handle per
	 * field would be a call per field of every row; after some calls the JVM compiles this
	 * composed handle on its own, with the reads and setters inlined in it, and no array of
	 * the row's values is made in between.
	 */
	private MethodHandle instantiator(ModelMeta<?> meta) {
		MethodHandle fill = MethodHandles.empty(FILL);
		for (int i = this.containers.length - 1; i >= 0; i--) {
			MethodHandle set = MethodHandles.insertArguments(this.containers[i].setter(), 1, this.unfetched[i]);
			fill = MethodHandles.foldArguments(fill, MethodHandles.dropArguments(set, 1, Row.class, int.class,
					Object.class));
		}
		for (int i = this.columns.length - 1; i >= 0; i--) {
			MethodHandle set = setter(this.columns[i]);
			MethodHandle part;
			if (i == this.pkIndex) {
				part = MethodHandles.dropArguments(set, 1, Row.class, int.class);
			}
			else {
				MethodHandle read = MethodHandles.insertArguments(READ_COLUMN, 0, this.dbClasses[i], this.asIs[i],
						this.decoders[i], i);
				part = MethodHandles.dropArguments(MethodHandles.collectArguments(set, 1, read), 3, Object.class);
			}
			fill = MethodHandles.foldArguments(fill, part);
		}
		return constructThenFill(meta.constructor(), fill);
	}

	/** One column's value, as {@link #read} reads it; the handles of {@link #instantiator} bind all but the row. */
	private static @Nullable Object readColumn(Class<?> dbClass, @Nullable Class<?> asIs,
			java.util.function.UnaryOperator<Object> decoder, int index, Row row, int offset) {
		Object raw = row.get(offset + index, dbClass);
		return (raw == null || raw.getClass() == asIs) ? raw : decoder.apply(raw);
	}

	/**
	 * {@code (instance, value)void} for one column: a primitive left at its default for NULL,
	 * as {@link FieldMeta#set} does; a relation set to a stub holding the key, or to null.
	 */
	private static MethodHandle setter(FieldMeta f) {
		MethodHandle set = plainSetter(f);
		MethodHandle nonNull = MethodHandles.dropArguments(NON_NULL, 0, Object.class);
		if (f.javaType().isPrimitive()) {
			return MethodHandles.guardWithTest(nonNull, set, MethodHandles.empty(set.type()));
		}
		if (f.kind() == FieldKind.DATA) {
			return set;
		}
		return MethodHandles.guardWithTest(nonNull, MethodHandles.filterArguments(set, 1, stubMaker(f)), set);
	}

	/**
	 * {@code (key)Object}: an unfetched related instance, on which only the key it is
	 * referenced by is set (a stub of a stub where that key is itself a relation).
	 */
	private static MethodHandle stubMaker(FieldMeta relation) {
		FieldMeta to = relation.toField();
		MethodHandle set = plainSetter(to);
		if (to.kind() != FieldKind.DATA) {
			set = MethodHandles.filterArguments(set, 1, stubMaker(to));
		}
		return constructThenFill(relation.related().constructor(), set);
	}

	/**
	 * The field's {@code (instance, value)void} setter; where the owner declares no Java field,
	 * {@link FieldMeta#set}, which fails naming the model and field, as setting it would.
	 */
	private static MethodHandle plainSetter(FieldMeta f) {
		MethodHandle set = f.setter();
		return (set != null) ? set : SET.bindTo(f);
	}

	/**
	 * {@code (arguments)Object}: a new instance from {@code constructor}, filled by
	 * {@code fill}, an {@code (instance, arguments)void}, and returned.
	 */
	private static MethodHandle constructThenFill(MethodHandle constructor, MethodHandle fill) {
		MethodHandle returnInstance = MethodHandles.dropArguments(MethodHandles.identity(Object.class), 1,
				fill.type().parameterList().subList(1, fill.type().parameterCount()));
		return MethodHandles.foldArguments(MethodHandles.foldArguments(returnInstance, fill), constructor);
	}

	ModelMeta<T> meta() {
		return this.meta;
	}

	/** Number of columns this mapper reads. */
	int width() {
		return this.columns.length;
	}

	/** The columns this mapper reads, in order, of an aliased table. */
	List<Column> columns(String alias) {
		List<Column> out = new java.util.ArrayList<>(this.columns.length);
		for (FieldMeta f : this.columns) {
			out.add(new Column(alias, f.column()));
		}
		return out;
	}

	@SuppressWarnings("unchecked")
	private static java.util.function.UnaryOperator<Object>[] decoders(ValueCodec codec, FieldMeta[] columns) {
		java.util.function.UnaryOperator<Object>[] out = new java.util.function.UnaryOperator[columns.length];
		for (int i = 0; i < columns.length; i++) {
			out[i] = codec.decoder(columns[i]);
		}
		return out;
	}

	/** Reads the instance whose columns start at {@code offset}; null if its primary key is NULL (outer join). */
	@Nullable T map(Row row, int offset) {
		Object key = read(row, offset, this.pkIndex);
		return (key != null) ? map(row, offset, key) : null; // null: the other side of an outer join found no row
	}

	/**
	 * Reads the instance whose columns start at {@code offset}, or returns the one already
	 * read for the same primary key without reading its other columns: rows reached through
	 * a many-to-many relation repeat the same few related rows.
	 */
	@Nullable Object mapOnce(Row row, int offset, Map<Object, Object> seen) {
		Object key = read(row, offset, this.pkIndex);
		if (key == null) {
			return null;
		}
		Object known = seen.get(key);
		if (known != null) {
			return known;
		}
		T instance = map(row, offset, key);
		seen.put(key, instance);
		return instance;
	}

	/** The instance of a row whose primary key has been read. */
	@SuppressWarnings("unchecked")
	private T map(Row row, int offset, Object key) {
		try {
			return (T) (Object) this.instantiate.invokeExact(row, offset, key);
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * One column's value in the field's type. Most columns come from the driver as the field
	 * holds them: a class check then instead of a call through the decoder, which is a
	 * megamorphic call (a decoder class per column type) for every column of every row.
	 */
	private @Nullable Object read(Row row, int offset, int i) {
		Object raw = row.get(offset + i, this.dbClasses[i]);
		return (raw == null || raw.getClass() == this.asIs[i]) ? raw : this.decoders[i].apply(raw);
	}

	/** Sets unfetched containers on declared backward and many-to-many fields. */
	void initContainers(Object instance) {
		for (int i = 0; i < this.containers.length; i++) {
			this.containers[i].set(instance, this.unfetched[i]);
		}
	}

}

package dev.tortoise.query;

import java.util.List;
import java.util.Map;

import dev.tortoise.fields.ManyToManyRelation;
import dev.tortoise.fields.ReverseRelation;
import dev.tortoise.models.FieldKind;
import dev.tortoise.models.FieldMeta;
import dev.tortoise.models.ModelMeta;
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

	private final String rootSelectList;

	private final dev.tortoise.schema.Dialect dialect;

	private final java.util.function.UnaryOperator<Object>[] decoders;

	private final int pkIndex;

	RowMapper(ModelMeta<T> meta, ValueCodec codec) {
		this.meta = meta;
		List<FieldMeta> cols = meta.columns();
		this.columns = cols.toArray(new FieldMeta[0]);
		this.dbClasses = new Class<?>[this.columns.length];
		for (int i = 0; i < this.columns.length; i++) {
			this.dbClasses[i] = codec.dbClass(this.columns[i]);
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
		this.dialect = codec.dialect();
		this.rootSelectList = buildSelectList(this.dialect, "_t0");
		this.decoders = decoders(codec, this.columns);
		this.pkIndex = cols.indexOf(meta.pk());
	}

	ModelMeta<T> meta() {
		return this.meta;
	}

	/** Number of columns this mapper reads. */
	int width() {
		return this.columns.length;
	}

	/** The select list for this model's columns of an aliased table. */
	String selectList(dev.tortoise.schema.Dialect dialect, String alias) {
		return ("_t0".equals(alias) && dialect == this.dialect) ? this.rootSelectList : buildSelectList(dialect, alias);
	}

	@SuppressWarnings("unchecked")
	private static java.util.function.UnaryOperator<Object>[] decoders(ValueCodec codec, FieldMeta[] columns) {
		java.util.function.UnaryOperator<Object>[] out = new java.util.function.UnaryOperator[columns.length];
		for (int i = 0; i < columns.length; i++) {
			out[i] = codec.decoder(columns[i]);
		}
		return out;
	}

	private String buildSelectList(dev.tortoise.schema.Dialect dialect, String alias) {
		StringBuilder sb = new StringBuilder();
		for (int i = 0; i < this.columns.length; i++) {
			if (i > 0) {
				sb.append(", ");
			}
			sb.append(dialect.quote(alias)).append('.').append(dialect.quote(this.columns[i].column()));
		}
		return sb.toString();
	}

	/** Reads the instance whose columns start at {@code offset}; null if its primary key is NULL (outer join). */
	@Nullable T map(Row row, int offset) {
		return map(row, offset, -1, null);
	}

	/**
	 * Reads the instance whose columns start at {@code offset}, or returns the one already
	 * read for the same primary key without reading its other columns: rows reached through
	 * a many-to-many relation repeat the same few related rows.
	 */
	@Nullable Object mapOnce(Row row, int offset, Map<Object, Object> seen) {
		Object raw = row.get(offset + this.pkIndex, this.dbClasses[this.pkIndex]);
		if (raw == null) {
			return null;
		}
		Object key = this.decoders[this.pkIndex].apply(raw);
		Object known = seen.get(key);
		if (known != null) {
			return known;
		}
		T instance = map(row, offset, this.pkIndex, key);
		seen.put(key, instance);
		return instance;
	}

	private @Nullable T map(Row row, int offset, int readIndex, @Nullable Object readValue) {
		T instance = null;
		for (int i = 0; i < this.columns.length; i++) {
			FieldMeta f = this.columns[i];
			Object value;
			if (i == readIndex) {
				value = readValue;
			}
			else {
				Object raw = row.get(offset + i, this.dbClasses[i]);
				value = (raw != null) ? this.decoders[i].apply(raw) : null;
			}
			if (instance == null) {
				if (value == null && f.pk()) {
					return null;
				}
				instance = this.meta.newInstance();
			}
			if (f.kind() == FieldKind.DATA) {
				f.set(instance, value);
			}
			else {
				f.set(instance, (value != null) ? stub(f, value) : null);
			}
		}
		if (instance == null) {
			instance = this.meta.newInstance();
		}
		initContainers(instance);
		return instance;
	}

	/** Sets unfetched containers on declared backward and many-to-many fields. */
	void initContainers(Object instance) {
		for (int i = 0; i < this.containers.length; i++) {
			this.containers[i].set(instance, this.unfetched[i]);
		}
	}

	/** An unfetched related instance: only the key it is referenced by is set. */
	static Object stub(FieldMeta relation, Object key) {
		Object related = relation.related().newInstance();
		FieldMeta to = relation.toField();
		to.set(related, (to.kind() == FieldKind.DATA) ? key : stub(to, key));
		return related;
	}

}

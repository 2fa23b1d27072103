package dev.tortoise.query;

import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import dev.tortoise.fields.FieldType;
import dev.tortoise.models.FieldMeta;
import dev.tortoise.schema.Dialect;
import org.jspecify.annotations.Nullable;

/** A statement being written: its text and the values bound to its placeholders. */
final class Sql {

	private final Dialect dialect;

	private final ValueCodec codec;

	/** The text being written, or null for a statement written before ({@link #written}). */
	private final @Nullable StringBuilder text;

	private final @Nullable String written;

	/** The bound values, then unused room; arrays rather than lists, as most statements bind a few. */
	private @Nullable Object[] values = new Object[4];

	private Class<?>[] types = new Class<?>[4];

	private int size;

	private boolean oneOff;

	Sql(Dialect dialect, ValueCodec codec) {
		this(dialect, codec, new StringBuilder(128), null);
	}

	private Sql(Dialect dialect, ValueCodec codec, @Nullable StringBuilder text, @Nullable String written) {
		this.dialect = dialect;
		this.codec = codec;
		this.text = text;
		this.written = written;
	}

	/**
	 * A statement whose text was written before (a cached one), with its values still to
	 * bind: its placeholders are in the text already, so binding a value renders none.
	 */
	static Sql written(Dialect dialect, ValueCodec codec, String text) {
		return new Sql(dialect, codec, null, text);
	}

	private StringBuilder builder() {
		if (this.text == null) {
			throw new IllegalStateException("This statement was written before; its text cannot change.");
		}
		return this.text;
	}

	Sql append(String s) {
		builder().append(s);
		return this;
	}

	Sql quoted(String identifier) {
		builder().append(this.dialect.quote(identifier));
		return this;
	}

	/** Appends a placeholder for a value of a field, converted and validated. */
	Sql value(FieldMeta field, @Nullable Object value) {
		builder().append(placeholder(field, value));
		return this;
	}

	/** A placeholder for a value of a field, without appending it. */
	String placeholder(FieldMeta field, @Nullable Object value) {
		return bound(dbValue(field, value), this.codec.dbClass(field), ValueCodec.dataField(field).type());
	}

	/** Whether a list of values of the field is bound as one array ({@link #arrayPlaceholder}). */
	boolean bindsArray(FieldMeta field) {
		return this.dialect.bindsArray(ValueCodec.dataField(field).type());
	}

	/**
	 * A placeholder for a list of values of a field bound as one array, each converted and
	 * validated as {@link #placeholder} does, for {@link Dialect#anyOf}.
	 */
	String arrayPlaceholder(FieldMeta field, List<?> values) {
		Object[] array = (Object[]) Array.newInstance(this.codec.dbClass(field), values.size());
		for (int i = 0; i < array.length; i++) {
			array[i] = dbValue(field, values.get(i));
		}
		return bound(array, array.getClass(), null);
	}

	private @Nullable Object dbValue(FieldMeta field, @Nullable Object value) {
		Object v = value;
		if (v != null && field.related() != null && field.related().modelClass().isInstance(v)) {
			v = field.toField().get(v); // an instance stands for the key it is referenced by
		}
		else if (v != null && field.owner().modelClass().isInstance(v)) {
			v = field.get(v);
		}
		return (v != null) ? this.codec.toDb(field, v) : null;
	}

	/** A placeholder for a raw text value (LIKE patterns). */
	String textPlaceholder(String value) {
		return bound(value, String.class, null);
	}

	/**
	 * Binds the next value and returns its placeholder, rendered for a column of the given
	 * type; none for a statement written before, whose text has its placeholders already.
	 */
	private String bound(@Nullable Object value, Class<?> type, @Nullable FieldType columnType) {
		if (this.size == this.values.length) {
			this.values = Arrays.copyOf(this.values, this.size * 2);
			this.types = Arrays.copyOf(this.types, this.size * 2);
		}
		this.values[this.size] = value;
		this.types[this.size] = type;
		this.size++;
		return (this.written != null) ? "" : this.dialect.placeholder(this.size, columnType);
	}

	/**
	 * Marks the statement as written for its query alone: its text depends on more than the
	 * query's shape (a long list bound one value at a time), so it must not be cached.
	 */
	void oneOff() {
		this.oneOff = true;
	}

	boolean isOneOff() {
		return this.oneOff;
	}

	Dialect dialect() {
		return this.dialect;
	}

	String text() {
		return (this.written != null) ? this.written : this.text.toString();
	}

	List<@Nullable Object> values() {
		return Collections.unmodifiableList(Arrays.asList(this.values).subList(0, this.size));
	}

	/** Number of bound values. */
	int size() {
		return this.size;
	}

	/** The value bound at a placeholder index. */
	@Nullable Object value(int index) {
		return this.values[Objects.checkIndex(index, this.size)];
	}

	/** The class of the value bound at a placeholder index, for binding a NULL. */
	Class<?> type(int index) {
		return this.types[Objects.checkIndex(index, this.size)];
	}

	@Override
	public String toString() {
		return text();
	}

}

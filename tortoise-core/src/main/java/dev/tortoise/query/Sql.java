package dev.tortoise.query;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import dev.tortoise.exceptions.ValidationException;
import dev.tortoise.models.FieldMeta;
import dev.tortoise.query.sql.Bindings;
import dev.tortoise.query.sql.Compiled;
import org.jspecify.annotations.Nullable;

/**
 * A statement ready to run: its text, written once for its shape ({@link Compiled}), and
 * the values one call binds to its placeholders, converted and validated.
 */
final class Sql implements Bindings {

	private final String text;

	private final ValueCodec codec;

	private final @Nullable Object[] args;

	/** The arguments read as lists, converted on first use. */
	private @Nullable List<@Nullable Object> @Nullable [] lists;

	/** The bound values, then unused room; arrays rather than lists, as most statements bind a few. */
	private @Nullable Object[] values;

	private Class<?>[] types;

	private int size;

	/** Binds a call's arguments (numbered as the statement's builder numbered them) to a written statement. */
	Sql(Compiled statement, ValueCodec codec, @Nullable Object... args) {
		this.text = statement.text();
		this.codec = codec;
		this.args = args;
		int n = Math.max(1, statement.values().size());
		this.values = new Object[n];
		this.types = new Class<?>[n];
		statement.bind(this);
	}

	private Sql(Sql bound, String text) {
		this.text = text;
		this.codec = bound.codec;
		this.args = bound.args;
		this.values = bound.values;
		this.types = bound.types;
		this.size = bound.size;
	}

	/** The same bound values under another text that places them alike (an EXPLAIN of the statement). */
	Sql withText(String text) {
		return new Sql(this, text);
	}

	@Override
	public @Nullable Object arg(int index) {
		return this.args[index];
	}

	@Override
	@SuppressWarnings("unchecked")
	public List<@Nullable Object> list(int index) {
		if (this.lists == null) {
			this.lists = new List[this.args.length];
		}
		List<@Nullable Object> list = this.lists[index];
		if (list == null) {
			list = asList(this.args[index]);
			this.lists[index] = list;
		}
		return list;
	}

	/** A collection or an array as a list; anything else is not a list of values. */
	static List<@Nullable Object> asList(@Nullable Object value) {
		if (value instanceof List<?> l) {
			return Collections.unmodifiableList(l);
		}
		if (value instanceof Collection<?> c) {
			return new ArrayList<>(c);
		}
		if (value != null && value.getClass().isArray()) {
			int n = Array.getLength(value);
			List<@Nullable Object> out = new ArrayList<>(n);
			for (int i = 0; i < n; i++) {
				out.add(Array.get(value, i));
			}
			return out;
		}
		throw new ValidationException("Expected a collection or an array of values, got "
				+ ((value != null) ? value.getClass().getSimpleName() : "null") + ".");
	}

	@Override
	public void bind(@Nullable Object value, Class<?> type) {
		if (this.size == this.values.length) {
			this.values = Arrays.copyOf(this.values, this.size * 2);
			this.types = Arrays.copyOf(this.types, this.size * 2);
		}
		this.values[this.size] = value;
		this.types[this.size] = type;
		this.size++;
	}

	@Override
	public @Nullable Object encode(FieldMeta field, @Nullable Object value) {
		Object v = value;
		if (v != null && field.related() != null && field.related().modelClass().isInstance(v)) {
			v = field.toField().get(v); // an instance stands for the key it is referenced by
		}
		else if (v != null && field.owner().modelClass().isInstance(v)) {
			v = field.get(v);
		}
		return (v != null) ? this.codec.toDb(field, v) : null;
	}

	@Override
	public Class<?> dbClass(FieldMeta field) {
		return this.codec.dbClass(field);
	}

	String text() {
		return this.text;
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
		return this.text;
	}

}

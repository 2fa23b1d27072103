package dev.tortoise.benchmarks;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * The suite's journal of one shape as the benchmark handles it: made with the suite's level
 * and text (every other field at its default, as a Tortoise model starts), and its columns'
 * values read by handles found once, for the raw contender's statements.
 * @param <T> the shape's model class
 */
final class Journals<T> {

	private final Class<T> type;

	/** The columns other than the key, in the order the raw statements name them. */
	private final List<String> columns = new ArrayList<>();

	private final List<VarHandle> fields = new ArrayList<>();

	private final VarHandle id;

	private final VarHandle level;

	private final VarHandle text;

	private final java.lang.reflect.Constructor<T> constructor;

	private Journals(Class<T> type) {
		this.type = type;
		try {
			MethodHandles.Lookup lookup = MethodHandles.publicLookup();
			this.id = lookup.findVarHandle(type, "id", Integer.class);
			this.level = lookup.findVarHandle(type, "level", Short.class);
			this.text = lookup.findVarHandle(type, "text", String.class);
			this.constructor = type.getConstructor();
			for (Field f : type.getFields()) {
				boolean relation = f.getType() == type || !f.getType().getName().startsWith("java.");
				if (Modifier.isStatic(f.getModifiers()) || f.getName().equals("id") || relation) {
					continue;
				}
				this.columns.add(f.getName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT));
				this.fields.add(lookup.unreflectVarHandle(f));
			}
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static Journals<?> of(int shape) {
		try {
			return new Journals<>(Class.forName("dev.tortoise.benchmarks.suite.shape" + shape + ".Journal"));
		}
		catch (ClassNotFoundException ex) {
			throw new IllegalArgumentException("No shape " + shape + ": the suite has shapes 1, 2 and 3.", ex);
		}
	}

	Class<T> type() {
		return this.type;
	}

	T make(short level, String text) {
		try {
			T journal = this.constructor.newInstance();
			this.level.set(journal, level);
			this.text.set(journal, text);
			return journal;
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	Object id(T journal) {
		return this.id.get(journal);
	}

	void setLevel(T journal, short level) {
		this.level.set(journal, level);
	}

	String text(T journal) {
		return (String) this.text.get(journal);
	}

	void setText(T journal, String text) {
		this.text.set(journal, text);
	}

	/** The data columns (all but the key and relations), in declaration order. */
	List<String> columns() {
		return this.columns;
	}

	/** A data column's value of a journal, by its position in {@link #columns()}. */
	Object value(T journal, int column) {
		return this.fields.get(column).get(journal);
	}

	/** A data column's Java type, by its position in {@link #columns()}. */
	Class<?> columnType(int column) {
		return this.fields.get(column).varType();
	}

}

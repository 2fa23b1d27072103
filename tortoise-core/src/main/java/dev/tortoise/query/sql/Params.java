package dev.tortoise.query.sql;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;

import dev.tortoise.fields.FieldType;
import dev.tortoise.models.FieldKind;
import dev.tortoise.models.FieldMeta;
import dev.tortoise.schema.Dialect;
import org.jspecify.annotations.Nullable;

/** The values statements bind, each read from the call's arguments by index. */
public final class Params {

	private Params() {
	}

	/** The argument as it is (a limit, an offset, a LIKE pattern), NULL bound as {@code type}. */
	public static Value raw(int index, Class<?> type) {
		return new Raw(index, type);
	}

	/** The argument as a value of the field, converted and validated. */
	public static Value field(FieldMeta field, int index) {
		return new Field(field, index);
	}

	/** An element of the argument's list, as a value of the field. */
	public static Value element(FieldMeta field, int index, int element) {
		return new Element(field, index, element);
	}

	/** The non-null elements of the argument's list as one array of the field's values. */
	public static Value array(FieldMeta field, int index) {
		return new ArrayOf(field, index);
	}

	/**
	 * The condition that {@code operand} is one of the values in the argument's list of
	 * {@code size} values (at least one): one array where the dialect binds the field's
	 * arrays, so that the text is the same for every length, else a placeholder per value.
	 * The one place lists become SQL, for filters, prefetches and many-to-many changes alike.
	 */
	public static Condition in(Dialect dialect, Part operand, FieldMeta field, int index, int size) {
		if (bindsArray(dialect, field)) {
			return new Condition.AnyOf(operand, array(field, index));
		}
		List<Value> values = new ArrayList<>(size);
		for (int i = 0; i < size; i++) {
			values.add(element(field, index, i));
		}
		return new Condition.In(operand, values, false);
	}

	/** Whether a list of the field's values binds as one array on the dialect. */
	public static boolean bindsArray(Dialect dialect, FieldMeta field) {
		return dialect.bindsArray(dataField(field).type());
	}

	/** The field that defines a column's type: the field itself, or what a relation points at. */
	public static FieldMeta dataField(FieldMeta f) {
		FieldMeta d = f;
		while (d.kind() != FieldKind.DATA) {
			d = d.toField();
		}
		return d;
	}

	private record Raw(int index, Class<?> type) implements Value {

		@Override
		public void bind(Bindings b) {
			b.bind(b.arg(this.index), this.type);
		}

	}

	private record Field(FieldMeta field, int index) implements Value {

		@Override
		public void bind(Bindings b) {
			b.bind(b.encode(this.field, b.arg(this.index)), b.dbClass(this.field));
		}

		@Override
		public FieldType columnType() {
			return dataField(this.field).type();
		}

	}

	private record Element(FieldMeta field, int index, int element) implements Value {

		@Override
		public void bind(Bindings b) {
			b.bind(b.encode(this.field, b.list(this.index).get(this.element)), b.dbClass(this.field));
		}

		@Override
		public FieldType columnType() {
			return dataField(this.field).type();
		}

	}

	private record ArrayOf(FieldMeta field, int index) implements Value {

		@Override
		public void bind(Bindings b) {
			List<@Nullable Object> list = b.list(this.index);
			Class<?> type = b.dbClass(this.field);
			int size = 0;
			for (Object v : list) {
				size += (v != null) ? 1 : 0;
			}
			Object[] array = (Object[]) Array.newInstance(type, size);
			int i = 0;
			for (Object v : list) {
				if (v != null) {
					array[i++] = b.encode(this.field, v);
				}
			}
			b.bind(array, array.getClass());
		}

	}

}

package dev.tortoise.query;

import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.function.UnaryOperator;

import dev.tortoise.exceptions.ValidationException;
import dev.tortoise.models.FieldMeta;
import dev.tortoise.query.sql.Params;
import dev.tortoise.schema.Dialect;
import dev.tortoise.types.TypeContext;
import dev.tortoise.types.TypeHandler;
import org.jspecify.annotations.Nullable;

/**
 * Converts field values to what a connection's driver binds and back: each through its
 * field type's {@link TypeHandler}, with the connection's dialect and Tortoise's time-zone
 * settings, a relation's values as the field it points at. Values that do not fit become
 * {@link ValidationException}s naming the field.
 */
final class ValueCodec {

	private final TypeContext context;

	ValueCodec(Dialect dialect, boolean useTz, ZoneId zone) {
		this.context = new TypeContext(dialect, useTz, zone);
	}

	Dialect dialect() {
		return this.context.dialect();
	}

	/** The field that defines a column's type: the field itself, or what a relation points at. */
	static FieldMeta dataField(FieldMeta f) {
		return Params.dataField(f);
	}

	private static TypeHandler handler(FieldMeta dataField) {
		return TypeHandler.of(dataField.type());
	}

	/** The class a driver reads and binds NULL for, for the column of a field. */
	Class<?> dbClass(FieldMeta field) {
		FieldMeta f = dataField(field);
		return handler(f).dbClass(f, this.context);
	}

	/** The class a driver reads the column of a field as ({@link TypeHandler#readClass}). */
	Class<?> readClass(FieldMeta field) {
		FieldMeta f = dataField(field);
		return handler(f).readClass(f, this.context);
	}

	/**
	 * The value to bind for a field; text is first read as the field's type, as Tortoise's
	 * {@code to_db_value} reads a query parameter.
	 * @throws ValidationException if the value does not fit the field
	 */
	Object toDb(FieldMeta field, Object value) {
		FieldMeta f = dataField(field);
		TypeHandler handler = handler(f);
		try {
			return handler.toDb(f, (value instanceof String s) ? handler.parse(f.javaType(), s) : value, this.context);
		}
		catch (ClassCastException | ArithmeticException | IllegalArgumentException | DateTimeParseException ex) {
			throw invalid(field, value, ex.getMessage());
		}
	}

	/** The Java value of a column read as {@link #dbClass}, in the field's declared type. */
	@Nullable Object fromDb(FieldMeta field, @Nullable Object value) {
		if (value == null) {
			return null;
		}
		FieldMeta f = dataField(field);
		return handler(f).fromDb(f, value, this.context);
	}

	/** {@link TypeHandler#readsAsIs} of the field's type. */
	@Nullable Class<?> readsAsIs(FieldMeta field) {
		FieldMeta f = dataField(field);
		return handler(f).readsAsIs(f);
	}

	/** A decoder for one column, chosen once ({@link TypeHandler#decoder}). Never called with NULL. */
	UnaryOperator<Object> decoder(FieldMeta field) {
		FieldMeta f = dataField(field);
		return handler(f).decoder(f, this.context);
	}

	static ValidationException invalid(FieldMeta field, Object value, @Nullable String why) {
		FieldMeta f = dataField(field);
		return new ValidationException("Value " + describe(value) + " does not fit field " + field.owner().name() + "."
				+ field.name() + " (" + f.type() + ", Java type " + f.javaType().getSimpleName() + ")"
				+ ((why != null) ? ": " + why : "") + ".");
	}

	private static String describe(Object value) {
		String text = String.valueOf(value);
		if (text.length() > 60) {
			text = dev.tortoise.types.StoredText.cut(text, 57) + "...";
		}
		return "\"" + dev.tortoise.types.StoredText.printable(text) + "\" of type " + value.getClass().getSimpleName();
	}

}

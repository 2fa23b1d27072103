package dev.tortoise.types;

import dev.tortoise.exceptions.ValidationException;
import dev.tortoise.fields.FieldType;
import dev.tortoise.models.FieldMeta;
import dev.tortoise.schema.Dialect;

/** {@code CharEnumField}: an enum stored as its constant's name in a {@code VARCHAR(max_length)}. */
final class CharEnums extends Enums {

	CharEnums() {
		super(FieldType.CHAR_ENUM);
	}

	@Override
	public String tortoiseName() {
		return "CharEnumField";
	}

	@Override
	public Class<?> dbClass(FieldMeta field, TypeContext ctx) {
		return String.class;
	}

	@Override
	public Object toDb(FieldMeta field, Object value, TypeContext ctx) {
		if (value instanceof Enum<?> e) {
			return e.name();
		}
		String name = (String) value;
		byName(field.javaType(), name);
		return name;
	}

	/** A stored name as its constant; a name the enum does not have is the database's data, not a bug. */
	@Override
	public Object fromDb(FieldMeta field, Object value, TypeContext ctx) {
		String name = value.toString();
		try {
			return byName(field.javaType(), name);
		}
		catch (IllegalArgumentException ex) {
			throw new ValidationException("Column " + field.column() + " of " + field.owner().name() + " holds \"" + name
					+ "\", which is not a constant of " + field.javaType().getSimpleName() + " "
					+ java.util.Arrays.toString(field.javaType().getEnumConstants())
					+ ": add it to the enum or correct the row.", ex);
		}
	}

	@Override
	public String sqlType(FieldMeta field, Dialect dialect) {
		return "VARCHAR(" + field.maxLength() + ")";
	}

}

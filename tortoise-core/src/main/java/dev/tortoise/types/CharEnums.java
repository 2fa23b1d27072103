package dev.tortoise.types;

import dev.tortoise.exceptions.ValidationException;
import dev.tortoise.fields.FieldType;
import dev.tortoise.models.FieldMeta;
import dev.tortoise.schema.Dialect;

/**
 * {@code CharEnumField}: an enum stored as Tortoise stores a member's value, in a
 * {@code VARCHAR(max_length)}: the text of the enum's {@code String value()} method if it has
 * one, else the constant's name ({@link EnumValues}).
 */
final class CharEnums extends Enums {

	CharEnums() {
		super(FieldType.CHAR_ENUM);
	}

	@Override
	public String tortoiseName() {
		return "CharEnumField";
	}

	/** A constant given by its stored text, or by its name. */
	@Override
	public Object parse(Class<?> javaType, String text) {
		Object constant = EnumValues.of(javaType).byText(text);
		if (constant == null) {
			throw new IllegalArgumentException("not a value or name of " + javaType.getSimpleName() + " ("
					+ EnumValues.of(javaType).texts() + ")");
		}
		return constant;
	}

	@Override
	public Class<?> dbClass(FieldMeta field, TypeContext ctx) {
		return String.class;
	}

	@Override
	public Object toDb(FieldMeta field, Object value, TypeContext ctx) {
		Enum<?> constant = (value instanceof Enum<?> e) ? e : (Enum<?>) parse(field.javaType(), (String) value);
		return EnumValues.text(constant);
	}

	/** A stored text as its constant; a text the enum does not have is the database's data, not a bug. */
	@Override
	public Object fromDb(FieldMeta field, Object value, TypeContext ctx) {
		String text = value.toString();
		Object constant = EnumValues.of(field.javaType()).byText(text);
		if (constant == null) {
			throw new ValidationException("Column " + field.column() + " of " + field.owner().name() + " holds \"" + text
					+ "\", which is not a value of " + field.javaType().getSimpleName() + " ["
					+ EnumValues.of(field.javaType()).texts() + "]: add it to the enum or correct the row.");
		}
		return constant;
	}

	@Override
	public String sqlType(FieldMeta field, Dialect dialect) {
		return "VARCHAR(" + field.maxLength() + ")";
	}

}

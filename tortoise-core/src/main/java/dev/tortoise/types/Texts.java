package dev.tortoise.types;

import java.util.Set;
import java.util.function.UnaryOperator;

import dev.tortoise.fields.FieldType;
import dev.tortoise.models.FieldMeta;
import dev.tortoise.schema.Dialect;

/** {@code CharField} ({@code VARCHAR(max_length)}) and {@code TextField}. */
final class Texts extends TypeHandler {

	Texts(FieldType type) {
		super(type);
	}

	@Override
	Set<Class<?>> javaTypes() {
		return Set.of(String.class);
	}

	/** A String is a CharField unless annotated as a TextField. */
	@Override
	public boolean inferredFrom(Class<?> javaType) {
		return type() == FieldType.CHAR && javaType == String.class;
	}

	@Override
	public Object parseDefault(Class<?> javaType, String text) {
		return text;
	}

	@Override
	public Class<?> dbClass(FieldMeta field, TypeContext ctx) {
		return String.class;
	}

	@Override
	public Object toDb(FieldMeta field, Object value, TypeContext ctx) {
		String s = (String) value;
		StoredText.check(s);
		if (type() == FieldType.CHAR && s.length() > field.maxLength() && ctx.dialect().textLength(s) > field.maxLength()) {
			throw new IllegalArgumentException("it is " + ctx.dialect().textLength(s) + " characters long (as "
					+ ctx.dialect().name() + " counts them), more than the field's maxLength of " + field.maxLength());
		}
		return s;
	}

	@Override
	public Object fromDb(FieldMeta field, Object value, TypeContext ctx) {
		return value;
	}

	@Override
	public UnaryOperator<Object> decoder(FieldMeta field, TypeContext ctx) {
		return (v) -> v;
	}

	@Override
	public Class<?> readsAsIs(FieldMeta field) {
		return String.class;
	}

	@Override
	public String sqlType(FieldMeta field, Dialect dialect) {
		return (type() == FieldType.CHAR) ? "VARCHAR(" + field.maxLength() + ")" : super.sqlType(field, dialect);
	}

	@Override
	public boolean keyLike() {
		return true;
	}

}

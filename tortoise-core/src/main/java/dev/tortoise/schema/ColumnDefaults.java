package dev.tortoise.schema;

import java.math.BigDecimal;
import java.time.temporal.TemporalAccessor;

import dev.tortoise.fields.FieldType;
import dev.tortoise.models.FieldKind;
import dev.tortoise.models.FieldMeta;
import dev.tortoise.types.EnumValues;
import dev.tortoise.types.PythonText;

/**
 * A column's {@code DEFAULT} clause as Tortoise's schema generators write it, so that a row
 * another writer inserts without the column (a Python service's raw SQL, a migration, psql)
 * gets the field's default: the default value as a literal (encoded as Tortoise's
 * {@code converters.encoders} encode it), {@code CURRENT_TIMESTAMP} for auto-now datetimes,
 * nothing for text, JSON, UUID and binary fields, relations and generated keys (Tortoise writes
 * none for them either). How a dialect spells booleans, text and the auto-now timestamp is the
 * dialect's ({@link Dialect#booleanDefault}, {@link Dialect#textDefault},
 * {@link Dialect#autoNowDefault}).
 */
final class ColumnDefaults {

	private ColumnDefaults() {
	}

	/** The clause with its leading space, or the empty string. */
	static String of(FieldMeta f, Dialect dialect) {
		FieldType type = f.type();
		if (f.kind() != FieldKind.DATA || f.generatedKey() || type == FieldType.TEXT
				|| type == FieldType.JSON || type == FieldType.UUID || type == FieldType.BINARY) {
			return "";
		}
		if (type == FieldType.DATETIME && (f.autoNow() || f.autoNowAdd())) {
			return dialect.autoNowDefault(f.autoNow());
		}
		if (type == FieldType.TIME && (f.autoNow() || f.autoNowAdd())) {
			return dialect.autoNowTimeDefault();
		}
		Object value = f.defaultValue();
		return (value == null) ? "" : " DEFAULT " + literal(type, value, dialect);
	}

	static String literal(FieldType type, Object value, Dialect dialect) {
		if (value instanceof Boolean b) {
			return dialect.booleanDefault(b);
		}
		if (value instanceof Enum<?> e) {
			return (type == FieldType.INT_ENUM) ? String.valueOf(EnumValues.number(e))
					: dialect.textDefault(EnumValues.text(e));
		}
		if (value instanceof Double || value instanceof Float) {
			return PythonText.g15(((Number) value).doubleValue());
		}
		if (value instanceof BigDecimal d) {
			return d.toPlainString();
		}
		if (value instanceof Number n) {
			return n.toString();
		}
		if (value instanceof java.time.Duration d) {
			return String.valueOf(PythonText.micros(d));
		}
		if (value instanceof TemporalAccessor t) {
			return "'" + PythonText.isoformat(t) + "'";
		}
		return dialect.textDefault(String.valueOf(value));
	}

}

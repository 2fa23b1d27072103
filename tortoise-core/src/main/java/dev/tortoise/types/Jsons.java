package dev.tortoise.types;

import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tortoise.exceptions.ValidationException;
import dev.tortoise.fields.FieldType;
import dev.tortoise.models.FieldMeta;

/** {@code JSONField}: any reference type, stored as its JSON text; a String field holds the text itself. */
final class Jsons extends TypeHandler {

	private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules().build();

	Jsons() {
		super(FieldType.JSON);
	}

	@Override
	Set<Class<?>> javaTypes() {
		return Set.of();
	}

	@Override
	public boolean accepts(Class<?> javaType) {
		return !javaType.isPrimitive();
	}

	@Override
	public String expected() {
		return "any reference type (Map, List, String, a record...)";
	}

	@Override
	public String tortoiseName() {
		return "JSONField";
	}

	@Override
	public Object parseDefault(Class<?> javaType, String text) {
		if (javaType != String.class && javaType != Object.class) {
			throw new IllegalArgumentException("JSON defaults are supported on String fields only");
		}
		return text;
	}

	@Override
	public Class<?> dbClass(FieldMeta field, TypeContext ctx) {
		return String.class;
	}

	@Override
	public Object toDb(FieldMeta field, Object value, TypeContext ctx) {
		if (value instanceof String s) {
			return s;
		}
		try {
			return JSON.writeValueAsString(value);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalArgumentException("not serialisable to JSON: " + ex.getOriginalMessage());
		}
	}

	@Override
	public Object fromDb(FieldMeta field, Object value, TypeContext ctx) {
		String text = value.toString();
		if (field.javaType() == String.class) {
			return text;
		}
		try {
			JavaType type = JSON.getTypeFactory().constructType(field.genericType());
			return JSON.readValue(text, type);
		}
		catch (JsonProcessingException ex) {
			throw new ValidationException("Column " + field.column() + " of " + field.owner().name() + " holds JSON that"
					+ " does not read as " + field.genericType().getTypeName() + ": " + ex.getOriginalMessage(), ex);
		}
	}

}

package dev.tortoise.types;

import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tortoise.exceptions.ValidationException;
import dev.tortoise.fields.FieldType;
import dev.tortoise.fields.JsonCodec;
import dev.tortoise.models.FieldMeta;
import org.jspecify.annotations.Nullable;

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
		if (javaType == String.class || javaType == Object.class) {
			return text;
		}
		try {
			return JSON.readValue(text, javaType);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalArgumentException("not JSON that reads as a " + javaType.getSimpleName() + " ("
					+ ex.getOriginalMessage() + ")");
		}
	}

	@Override
	public Class<?> dbClass(FieldMeta field, TypeContext ctx) {
		return String.class;
	}

	@Override
	public Object toDb(FieldMeta field, Object value, TypeContext ctx) {
		JsonCodec<Object> codec = field.jsonCodec();
		if (value instanceof String s && (codec == null || field.javaType() == String.class)) {
			checkJson(s, codec);
			return s;
		}
		if (codec != null) {
			return codec.encode(value);
		}
		try {
			return JSON.writeValueAsString(value);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalArgumentException("not serialisable to JSON: " + ex.getOriginalMessage());
		}
	}

	/** As Tortoise: text given for a JSON column must be JSON (its decoder must read it), else it is refused before any SQL. */
	private static void checkJson(String text, @Nullable JsonCodec<Object> codec) {
		try {
			if (codec != null) {
				codec.decode(text);
			}
			else {
				JSON.readTree(text);
			}
		}
		catch (JsonProcessingException | RuntimeException ex) {
			throw new IllegalArgumentException("not valid JSON text; give the value itself, or its JSON text");
		}
	}

	@Override
	public Object fromDb(FieldMeta field, Object value, TypeContext ctx) {
		String text = value.toString();
		if (field.javaType() == String.class) {
			return text;
		}
		JsonCodec<Object> codec = field.jsonCodec();
		if (codec != null) {
			Object decoded;
			try {
				decoded = codec.decode(text);
			}
			catch (RuntimeException ex) {
				throw new ValidationException("Column " + field.column() + " of " + field.owner().name() + " holds JSON that"
						+ " its codec " + codec.getClass().getSimpleName() + " cannot read: " + ex.getMessage(), ex);
			}
			if (decoded != null && !field.javaType().isInstance(decoded)) {
				throw new ValidationException("The codec " + codec.getClass().getSimpleName() + " of " + field.owner().name()
						+ "." + field.name() + " decoded a " + decoded.getClass().getSimpleName() + "; the field holds a "
						+ field.javaType().getSimpleName() + ".");
			}
			return decoded;
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

package dev.tortoise.spring.boot.json;

import dev.tortoise.models.FieldMeta;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads a model from a JSON object: columns by field name, a relation by its key (under the
 * relation's name or its column name) or as a nested object. Relations to many and computed
 * values are written only and skipped when read; other names are unknown properties, handled
 * as the mapper is configured to (Spring Boot ignores them).
 */
final class ModelDeserializer extends ValueDeserializer<Object> {

	private final ModelShape shape;

	ModelDeserializer(ModelShape shape) {
		this.shape = shape;
	}

	@Override
	public Object deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
		JsonToken token = p.currentToken();
		if (token == JsonToken.START_OBJECT) {
			token = p.nextToken();
		}
		else if (token != JsonToken.PROPERTY_NAME && token != JsonToken.END_OBJECT) {
			return ctxt.handleUnexpectedToken(this.shape.meta().modelClass(), p);
		}
		Object instance = this.shape.meta().newInstance();
		for (; token == JsonToken.PROPERTY_NAME; token = p.nextToken()) {
			String name = p.currentName();
			p.nextToken();
			ModelShape.Property property = this.shape.read(name);
			if (property != null) {
				try {
					read(property, p, ctxt, instance);
				}
				catch (RuntimeException ex) {
					// Names the property in the error, as Jackson's own bean deserializer does.
					throw DatabindException.wrapWithPath(ctxt, ex, new JacksonException.Reference(instance, name));
				}
			}
			else if (this.shape.writtenOnly(name)) {
				p.skipChildren();
			}
			else {
				ctxt.handleUnknownProperty(p, this, this.shape.meta().modelClass(), name);
			}
		}
		return instance;
	}

	private static void read(ModelShape.Property property, JsonParser p, DeserializationContext ctxt, Object instance) {
		FieldMeta field = property.field();
		if (p.currentToken() == JsonToken.VALUE_NULL) {
			field.set(instance, null);
			return;
		}
		switch (property.kind()) {
			case DATA -> field.set(instance, ctxt.readValue(p, ctxt.getTypeFactory().constructType(field.genericType())));
			case TO_ONE -> field.set(instance, (p.currentToken() == JsonToken.START_OBJECT)
					? ctxt.readValue(p, field.related().modelClass())
					: ModelShapes.stubOf(field, ctxt.readValue(p, ModelShapes.keyType(field))));
			case RAW_KEY -> field.set(instance, ModelShapes.stubOf(field, ctxt.readValue(p, ModelShapes.keyType(field))));
			default -> p.skipChildren();
		}
	}

}

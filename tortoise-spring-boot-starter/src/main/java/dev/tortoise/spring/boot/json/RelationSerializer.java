package dev.tortoise.spring.boot.json;

import java.util.List;

import dev.tortoise.fields.ManyToManyRelation;
import dev.tortoise.fields.ReverseRelation;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;

/**
 * A relation container written on its own (not as a model's property): the array of its
 * fetched instances. An unfetched one fails with the message that says how to fetch it, rather
 * than writing a wrapper that hides it.
 */
final class RelationSerializer extends ValueSerializer<Object> {

	@Override
	public void serialize(Object value, JsonGenerator gen, SerializationContext ctxt) throws JacksonException {
		List<?> values = (value instanceof ReverseRelation<?> r) ? r.list() : ((ManyToManyRelation<?>) value).list();
		gen.writeStartArray(values, values.size());
		for (Object instance : values) {
			ctxt.writeValue(gen, instance);
		}
		gen.writeEndArray();
	}

}

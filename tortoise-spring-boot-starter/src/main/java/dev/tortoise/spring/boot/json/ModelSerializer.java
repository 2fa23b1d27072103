package dev.tortoise.spring.boot.json;

import java.util.ArrayList;
import java.util.List;

import dev.tortoise.models.FieldMeta;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;

/**
 * Writes a model as its shape says: columns as values, fetched relations nested, unfetched
 * ones as keys or left out. An instance already being written further up (a relation fetched
 * both ways) is written as its key, never again in full.
 */
final class ModelSerializer extends ValueSerializer<Object> {

	private final ModelShapes shapes;

	private final ModelShape shape;

	ModelSerializer(ModelShapes shapes, ModelShape shape) {
		this.shapes = shapes;
		this.shape = shape;
	}

	@Override
	public void serialize(Object value, JsonGenerator gen, SerializationContext ctxt) throws JacksonException {
		write(this.shapes, this.shape, value, gen, ctxt, new ArrayList<>());
	}

	static void write(ModelShapes shapes, ModelShape shape, Object instance, JsonGenerator gen,
			SerializationContext ctxt, List<Object> path) {
		gen.writeStartObject(instance);
		path.add(instance);
		for (ModelShape.Property p : shape.written()) {
			switch (p.kind()) {
				case DATA -> {
					gen.writeName(p.name());
					ctxt.writeValue(gen, p.field().get(instance));
				}
				case RAW_KEY -> {
					gen.writeName(p.name());
					ctxt.writeValue(gen, ModelShapes.keyOf(p.field(), p.field().get(instance)));
				}
				case TO_ONE -> writeToOne(shapes, shape, p.field(), p.field().get(instance), gen, ctxt, path);
				case BACKWARD_ONE -> {
					Object related = p.field().get(instance);
					if (related != null && !onPath(path, related)) {
						gen.writeName(p.name());
						write(shapes, shapes.related(p.field()), related, gen, ctxt, path);
					}
				}
				case TO_MANY -> {
					List<?> fetched = ModelShapes.fetched(p.field().get(instance));
					if (fetched != null) {
						gen.writeName(p.name());
						writeAll(shapes, shapes.related(p.field()), fetched, gen, ctxt, path);
					}
				}
				case COMPUTED -> {
					gen.writeName(p.name());
					ctxt.writeValue(gen, invoke(p, instance));
				}
			}
		}
		path.remove(path.size() - 1);
		gen.writeEndObject();
	}

	private static void writeToOne(ModelShapes shapes, ModelShape shape, FieldMeta field, @Nullable Object related,
			JsonGenerator gen, SerializationContext ctxt, List<Object> path) {
		if (related == null) {
			gen.writeNullProperty(field.name());
			return;
		}
		ModelShape target = shapes.related(field);
		if (!onPath(path, related) && ModelShapes.loaded(target.meta(), related, field.toField())) {
			gen.writeName(field.name());
			write(shapes, target, related, gen, ctxt, path);
		}
		else if (!shape.rawKeys()) {
			gen.writeName(field.name());
			ctxt.writeValue(gen, ModelShapes.keyOf(field, related));
		}
	}

	/** The instances of a fetched relation to many, each in full unless it is being written further up. */
	static void writeAll(ModelShapes shapes, ModelShape shape, List<?> instances, JsonGenerator gen,
			SerializationContext ctxt, List<Object> path) {
		gen.writeStartArray(instances, instances.size());
		for (Object related : instances) {
			if (onPath(path, related)) {
				ctxt.writeValue(gen, shape.meta().pk().get(related));
			}
			else {
				write(shapes, shape, related, gen, ctxt, path);
			}
		}
		gen.writeEndArray();
	}

	private static boolean onPath(List<Object> path, Object instance) {
		for (Object o : path) {
			if (o == instance) {
				return true;
			}
		}
		return false;
	}

	private static @Nullable Object invoke(ModelShape.Property p, Object instance) {
		try {
			return (Object) p.method().invokeExact(instance);
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
	}

}

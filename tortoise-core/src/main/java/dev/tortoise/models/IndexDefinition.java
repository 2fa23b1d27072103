package dev.tortoise.models;

import java.util.List;
import java.util.Map;

/**
 * One {@link Index} of a model as read at init: its fields in column order, its name (empty
 * for Tortoise's generated {@code idx_} name), its kind, the partial index's condition
 * (column name to value, all of which must hold) and a full-text parser (empty for none).
 */
public record IndexDefinition(List<FieldMeta> fields, String name, IndexType type, Map<String, Object> condition,
		String parser) {

	public IndexDefinition {
		fields = List.copyOf(fields);
		// In the order written: the condition's text is the catalog's.
		condition = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(condition));
	}

	/** Whether it is an ordinary, unnamed, unconditional index, which every database writes the same way. */
	public boolean plain() {
		return this.name.isEmpty() && this.type == IndexType.DEFAULT && this.condition.isEmpty() && this.parser.isEmpty();
	}

}

package dev.tortoise.models;

import java.util.ArrayList;
import java.util.List;

import dev.tortoise.exceptions.ConfigurationException;

/** Reads {@link UniqueTogether}, {@link Index} and the ordering of a model once its fields are linked. */
final class CompositeReader {

	private final ModelMeta<?> meta;

	CompositeReader(ModelMeta<?> meta) {
		this.meta = meta;
	}

	void read() {
		Class<?> type = this.meta.modelClass();
		for (UniqueTogether u : type.getAnnotationsByType(UniqueTogether.class)) {
			this.meta.addUniqueTogether(resolve("@UniqueTogether", u.value()));
		}
		for (Index i : type.getAnnotationsByType(Index.class)) {
			this.meta.addIndex(resolve("@Index", i.value()));
		}
		Model model = type.getAnnotation(Model.class);
		if (model != null && model.ordering().length > 0) {
			for (String key : model.ordering()) {
				String name = key.startsWith("-") ? key.substring(1) : key;
				// A relation's field is checked when a query first uses the ordering.
				if (!name.contains("__") && this.meta.findField(name) == null) {
					throw new ConfigurationException("@Model(ordering) on model " + this.meta.name() + " names \"" + key
							+ "\", which is not a field. Valid fields: " + String.join(", ",
									this.meta.fields().stream().map(FieldMeta::name).toList()) + ".");
				}
			}
			this.meta.setOrdering(List.of(model.ordering()));
		}
	}

	private List<FieldMeta> resolve(String what, String[] names) {
		if (names.length == 0) {
			throw new ConfigurationException(what + " on model " + this.meta.name() + " lists no fields.");
		}
		List<FieldMeta> fields = new ArrayList<>();
		for (String name : names) {
			FieldMeta f = this.meta.findField(name);
			if (f == null || !f.kind().hasColumn()) {
				List<String> valid = new ArrayList<>();
				for (FieldMeta c : this.meta.fields()) {
					if (c.kind().hasColumn()) {
						valid.add(c.name());
					}
				}
				throw new ConfigurationException(what + " on model " + this.meta.name() + " names \"" + name + "\", which "
						+ ((f == null) ? "is not a field" : "is not a column (many-to-many and backward relations have none)")
						+ ". Valid fields: " + String.join(", ", valid) + ".");
			}
			if (fields.contains(f)) {
				throw new ConfigurationException(what + " on model " + this.meta.name() + " names field \"" + f.name()
						+ "\" twice.");
			}
			fields.add(f);
		}
		return fields;
	}

}

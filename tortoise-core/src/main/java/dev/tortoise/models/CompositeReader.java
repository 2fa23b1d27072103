package dev.tortoise.models;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tortoise.exceptions.ConfigurationException;
import org.jspecify.annotations.Nullable;

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
			List<FieldMeta> fields = resolve("@Index", i.value());
			if (!i.parser().isEmpty() && (i.type() != IndexType.FULLTEXT || !i.parser().matches("[A-Za-z0-9_]+"))) {
				throw new ConfigurationException("@Index on model " + this.meta.name() + " names parser \"" + i.parser()
						+ "\"; a parser is a plain name (e.g. ngram) and only a FULLTEXT index takes one.");
			}
			this.meta.addIndex(new IndexDefinition(fields, i.name(), i.type(), condition(i.condition()), i.parser()));
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

	private static final Pattern CONDITION = Pattern.compile("\\s*(\\w+)\\s*=\\s*(.+?)\\s*");

	/** A partial index's condition as column name to value, each field checked against the model. */
	private Map<String, Object> condition(String[] entries) {
		Map<String, Object> out = new LinkedHashMap<>();
		for (String entry : entries) {
			Matcher m = CONDITION.matcher(entry);
			Object value = m.matches() ? literal(m.group(2)) : null;
			if (value == null) {
				throw new ConfigurationException("@Index on model " + this.meta.name() + " has condition \"" + entry
						+ "\"; write each as \"field = value\" with true, false, a number or a 'quoted' text.");
			}
			FieldMeta f = resolve("@Index condition", new String[] { m.group(1) }).get(0);
			out.put(f.column(), value);
		}
		return out;
	}

	private static @Nullable Object literal(String text) {
		if (text.equals("true") || text.equals("false")) {
			return Boolean.valueOf(text);
		}
		if (text.matches("-?\\d+")) {
			return new java.math.BigInteger(text);
		}
		if (text.matches("-?\\d+\\.\\d+")) {
			return new java.math.BigDecimal(text);
		}
		if (text.length() >= 2 && text.startsWith("'") && text.endsWith("'")) {
			String inner = text.substring(1, text.length() - 1);
			return inner.replace("''", "").contains("'") ? null : inner.replace("''", "'");
		}
		return null;
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

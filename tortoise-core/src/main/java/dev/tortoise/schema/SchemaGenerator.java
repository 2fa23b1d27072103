package dev.tortoise.schema;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.tortoise.exceptions.ConfigurationException;
import dev.tortoise.fields.FieldType;
import dev.tortoise.models.FieldKind;
import dev.tortoise.models.FieldMeta;
import dev.tortoise.models.IndexDefinition;
import dev.tortoise.models.ModelMeta;
import org.jspecify.annotations.Nullable;

/**
 * Generates Tortoise-compatible DDL for a set of models on one database: tables in
 * dependency order (each after the tables it references, ties kept in model order as
 * Tortoise does), then many-to-many through tables, with indexes, unique-together
 * constraints and comments. With {@code safe}, every statement is {@code IF NOT EXISTS}.
 */
public final class SchemaGenerator {

	private final Dialect dialect;

	private final @Nullable String homeSchema;

	public SchemaGenerator(Dialect dialect) {
		this(dialect, null);
	}

	/**
	 * A generator for a connection whose own schema a foreign key out of another schema must
	 * name ({@link Dialect#homeSchema}); null where such a reference finds it unnamed.
	 */
	public SchemaGenerator(Dialect dialect, @Nullable String homeSchema) {
		this.dialect = dialect;
		this.homeSchema = homeSchema;
	}

	/** The schema a reference from a table in {@code fromSchema} names for the target's table. */
	private @Nullable String referenceSchema(@Nullable String fromSchema, ModelMeta<?> target) {
		if (target.schema() != null) {
			return target.schema();
		}
		return (fromSchema != null) ? this.homeSchema : null;
	}

	/** The dialect this generator writes. */
	public Dialect dialect() {
		return this.dialect;
	}

	/** The whole schema as one script, statements separated by new lines (Tortoise's {@code get_schema_sql}). */
	public String sql(Collection<? extends ModelMeta<?>> models, boolean safe) {
		return String.join("\n", statements(models, safe));
	}

	/**
	 * The schema as separate statements, each ending with a semicolon, in execution order.
	 * @throws ConfigurationException if foreign keys form a cycle that no order satisfies
	 */
	public List<String> statements(Collection<? extends ModelMeta<?>> models, boolean safe) {
		return statements(models, safe, Set.of());
	}

	/**
	 * The schema as statements for a database that already holds some of its tables: those
	 * are left exactly as they are, comments included. Where comments are statements of their
	 * own ({@code COMMENT ON}, which PostgreSQL allows only to a table's owner), none is sent
	 * for an existing table, and no index that exists is created again, so a role that may
	 * create tables but owns none of the existing ones can run a safe generation.
	 * @param existingTables the tables and indexes the database already holds
	 */
	public List<String> statements(Collection<? extends ModelMeta<?>> models, boolean safe,
			Set<String> existingTables) {
		List<ModelMeta<?>> ordered = order(models);
		List<String> tables = new ArrayList<>();
		List<String> throughs = new ArrayList<>();
		for (ModelMeta<?> meta : ordered) {
			TableSpec table = table(meta);
			tables.addAll(this.dialect.createTable(
					table.schema() == null && existingTables.contains(table.table()) ? table.withoutComments() : table,
					safe));
			for (FieldMeta f : meta.fields()) {
				if (f.kind() == FieldKind.M2M) {
					TableSpec.Through through = through(meta, f);
					throughs.addAll(this.dialect.createThrough(
							existingTables.contains(through.table()) ? through.withoutComment() : through, safe));
				}
			}
		}
		tables.addAll(throughs);
		if (!existingTables.isEmpty()) {
			// An index that exists is left alone too: PostgreSQL checks the table's ownership
			// before it reads IF NOT EXISTS.
			tables.removeIf((sql) -> {
				Matcher index = EXISTING_INDEX.matcher(sql);
				return index.find() && existingTables.contains(index.group(1));
			});
		}
		return tables;
	}

	/**
	 * The difference between the models and a catalog's columns ({@code table -> columns},
	 * names as the catalog gives them): missing tables created as {@link #statements} creates
	 * them, missing columns added, columns of a model's table that the model lacks dropped
	 * (destructive). Tables of the catalog that no model names are none of these models'.
	 */
	public SchemaDiff diff(Collection<? extends ModelMeta<?>> models, java.util.Map<String, Set<String>> catalog) {
		java.util.Map<String, Set<String>> columns = new java.util.HashMap<>();
		catalog.forEach((table, names) -> columns.put(table.toLowerCase(java.util.Locale.ROOT),
				names.stream().map((n) -> n.toLowerCase(java.util.Locale.ROOT)).collect(java.util.stream.Collectors.toSet())));
		List<String> statements = new ArrayList<>();
		List<String> throughs = new ArrayList<>();
		List<String> destructive = new ArrayList<>();
		List<SchemaDiff.Addition> required = new ArrayList<>();
		List<String> problems = new ArrayList<>();
		for (ModelMeta<?> meta : order(models)) {
			TableSpec table = table(meta);
			Set<String> existing = (table.schema() == null) ? columns.get(table.table().toLowerCase(java.util.Locale.ROOT)) : null;
			if (existing == null && table.schema() == null) {
				statements.addAll(this.dialect.createTable(table, false));
			}
			else if (existing != null) {
				Set<String> wanted = new java.util.HashSet<>();
				for (TableSpec.Column c : table.columns()) {
					wanted.add(c.name().toLowerCase(java.util.Locale.ROOT));
					if (!existing.contains(c.name().toLowerCase(java.util.Locale.ROOT))) {
						statements.add(this.dialect.addColumn(table, c));
						if (!c.nullable() && c.defaultSql().isEmpty() && c.generatedType() == null) {
							String field = meta.columns().stream().filter((f) -> f.column().equals(c.name()))
								.map((f) -> meta.name() + "." + f.name()).findFirst().orElse(c.name());
							required.add(new SchemaDiff.Addition(table.table(), c.name(), field));
							if (!this.dialect.addsRequiredColumns()) {
								problems.add("Column \"" + c.name() + "\" of table \"" + table.table() + "\" (field " + field
										+ ") would be added NOT NULL without a default, which " + this.dialect.name()
										+ " cannot add to an existing table. Give the field a defaultValue, or make it"
										+ " nullable = true, then make the diff again.");
							}
						}
					}
				}
				existing.stream().filter((name) -> !wanted.contains(name)).sorted()
					.forEach((name) -> destructive.add(this.dialect.dropColumn(table, name)));
			}
			for (FieldMeta f : meta.fields()) {
				if (f.kind() == FieldKind.M2M) {
					TableSpec.Through through = through(meta, f);
					if (through.schema() == null && !columns.containsKey(through.table().toLowerCase(java.util.Locale.ROOT))) {
						throughs.addAll(this.dialect.createThrough(through, false));
					}
				}
			}
		}
		statements.addAll(throughs);
		statements.addAll(destructive);
		return new SchemaDiff(statements, destructive, required, problems);
	}

	private static final Pattern EXISTING_INDEX = Pattern.compile("^CREATE (?:UNIQUE )?INDEX IF NOT EXISTS \"([^\"]+)\"");

	/**
	 * Tortoise's order: repeatedly take the first model, in model order, whose references
	 * all exist. Kahn's algorithm with the ready models in a priority queue by position
	 * gives the same order in O(n log n).
	 */
	private static List<ModelMeta<?>> order(Collection<? extends ModelMeta<?>> models) {
		List<ModelMeta<?>> out = order(models, true);
		if (out.size() < models.size()) {
			// References without a database constraint need no order; Tortoise counts them
			// anyway, so they are only set aside when a cycle leaves no other way.
			out = order(models, false);
		}
		if (out.size() < models.size()) {
			Set<ModelMeta<?>> placed = new HashSet<>(out);
			throw new ConfigurationException("Can't create schema due to cyclic fk references between tables "
					+ models.stream().filter((m) -> !placed.contains(m)).map((m) -> "\"" + m.table() + "\"")
						.collect(Collectors.joining(", "))
					+ ". Make one of the foreign keys in the cycle dbConstraint = false, or move it to a"
					+ " many-to-many relation.");
		}
		return out;
	}

	private static List<ModelMeta<?>> order(Collection<? extends ModelMeta<?>> models, boolean countUnconstrained) {
		List<ModelMeta<?>> list = new ArrayList<>(models);
		Map<String, Integer> indexByTable = new HashMap<>();
		for (int i = 0; i < list.size(); i++) {
			indexByTable.put(list.get(i).table(), i);
		}
		int[] missing = new int[list.size()];
		List<List<Integer>> dependents = new ArrayList<>();
		list.forEach((m) -> dependents.add(new ArrayList<>()));
		for (int i = 0; i < list.size(); i++) {
			ModelMeta<?> meta = list.get(i);
			Set<String> targets = new HashSet<>();
			for (FieldMeta f : meta.fields()) {
				if ((f.kind() == FieldKind.FK || f.kind() == FieldKind.O2O) && (countUnconstrained || f.dbConstraint())) {
					String target = f.related().table();
					Integer j = indexByTable.get(target);
					if (j != null && j != i && targets.add(target)) {
						missing[i]++;
						dependents.get(j).add(i);
					}
				}
			}
		}
		PriorityQueue<Integer> ready = new PriorityQueue<>();
		for (int i = 0; i < list.size(); i++) {
			if (missing[i] == 0) {
				ready.add(i);
			}
		}
		List<ModelMeta<?>> out = new ArrayList<>(list.size());
		while (!ready.isEmpty()) {
			int i = ready.poll();
			out.add(list.get(i));
			for (int d : dependents.get(i)) {
				if (--missing[d] == 0) {
					ready.add(d);
				}
			}
		}
		return out;
	}

	private TableSpec table(ModelMeta<?> meta) {
		List<TableSpec.Column> columns = new ArrayList<>();
		List<TableSpec.IndexSpec> indexes = new ArrayList<>();
		for (FieldMeta f : meta.columns()) {
			boolean relation = f.kind() != FieldKind.DATA;
			String type = this.dialect.columnType(f.type(), relation ? f.toField() : f);
			boolean generated = f.generatedKey();
			TableSpec.Reference reference = (relation && f.dbConstraint())
					? new TableSpec.Reference(f.related().table(), f.toField().column(), f.onDelete(),
							referenceSchema(meta.schema(), f.related())) : null;
			columns.add(new TableSpec.Column(f.column(), type, f.nullable(), f.unique() && !f.pk(), f.pk(),
					generated ? this.dialect.generatedPrimaryKey(f.type()) : null, ColumnDefaults.of(f, this.dialect),
					f.description(), reference));
			if (f.indexed() && !f.pk() && !f.unique()) {
				indexes.add(TableSpec.IndexSpec.plain(meta.table(), List.of(f.column())));
			}
		}
		for (IndexDefinition index : meta.indexDefinitions()) {
			List<String> indexed = columnsOf(index.fields());
			String name = index.name().isEmpty() ? Dialect.indexName("idx", meta.table(), indexed) : index.name();
			if (!this.dialect.supportsIndex(index.type(), !index.condition().isEmpty())) {
				String kind = (index.type() == dev.tortoise.models.IndexType.DEFAULT) ? "a partial index"
						: "a " + index.type() + " index" + (index.condition().isEmpty() ? "" : " with a condition");
				throw new ConfigurationException("Model " + meta.name() + " has index \"" + name + "\", " + kind
						+ ", which " + this.dialect.name() + " does not have. Give this model's app a connection to a"
						+ " database that has it, or change its @Index.");
			}
			indexes.add(new TableSpec.IndexSpec(name, indexed, index.type(), index.condition(), index.parser()));
		}
		List<List<String>> unique = meta.uniqueTogether().stream().map(SchemaGenerator::columnsOf).toList();
		return new TableSpec(meta.table(), meta.description(), columns, unique, indexes, meta.schema());
	}

	private TableSpec.Through through(ModelMeta<?> meta, FieldMeta f) {
		ModelMeta<?> target = f.related();
		FieldMeta ownPk = meta.pk();
		FieldMeta targetPk = target.pk();
		return new TableSpec.Through(f.through(), f.description(), f.backwardKey(), keyType(ownPk),
				new TableSpec.Reference(meta.table(), ownPk.column(), f.onDelete(), referenceSchema(f.throughSchema(), meta)),
				f.forwardKey(), keyType(targetPk), new TableSpec.Reference(target.table(), targetPk.column(), f.onDelete(),
						referenceSchema(f.throughSchema(), target)),
				f.dbConstraint(), f.createUniqueIndex(), f.throughSchema());
	}

	/** The type of a column pointing at a primary key: a generated key's plain integer type. */
	private String keyType(FieldMeta pk) {
		FieldMeta data = (pk.kind() == FieldKind.DATA) ? pk : pk.toField();
		FieldType type = data.type();
		return this.dialect.columnType(type, data);
	}

	private static List<String> columnsOf(List<FieldMeta> fields) {
		return fields.stream().map(FieldMeta::column).toList();
	}

}

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
import dev.tortoise.models.FormerName;
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
	 * The difference between the models and a catalog's column names ({@code table -> columns}):
	 * see {@link #diff(Collection, Catalog)}; types, nullability and indexes are not compared.
	 */
	public SchemaDiff diff(Collection<? extends ModelMeta<?>> models, Map<String, Set<String>> catalog) {
		return diff(models, Catalog.ofNames(catalog));
	}

	/**
	 * The difference between the models and a live catalog, as DDL in the order it runs:
	 * tables renamed from a {@link FormerName} or created as {@link #statements} creates them,
	 * columns renamed or added, columns whose type or nullability differ altered, missing
	 * indexes and unique-together constraints created and those of Tortoise's naming
	 * ({@code idx_}, {@code uid_}) that the models no longer have dropped, then through tables,
	 * then the destructive part: columns the models lack dropped. Narrowing a type is
	 * destructive too. Tables of the catalog that no model names are none of these models'.
	 */
	public SchemaDiff diff(Collection<? extends ModelMeta<?>> models, Catalog catalog) {
		List<String> statements = new ArrayList<>();
		List<String> throughs = new ArrayList<>();
		List<String> destructive = new ArrayList<>();
		List<String> drops = new ArrayList<>();
		List<SchemaDiff.RowCheck> checks = new ArrayList<>();
		List<String> problems = new ArrayList<>();
		for (ModelMeta<?> meta : order(models)) {
			TableSpec table = table(meta);
			if (table.schema() != null) {
				continue; // the catalog is the connection's own schema's
			}
			String live = table.table();
			if (!catalog.hasTable(live)) {
				String old = java.util.Arrays.stream(formerNames(meta.modelClass())).filter(catalog::hasTable)
					.filter((name) -> models.stream().noneMatch((m) -> m.table().equalsIgnoreCase(name)))
					.findFirst().orElse(null);
				if (old == null) {
					statements.addAll(this.dialect.createTable(table, false));
				}
				else {
					statements.add(this.dialect.renameTable(old, table));
					live = old;
				}
			}
			Map<String, Catalog.Column> existing = catalog.columns(live);
			String comment = (existing != null) ? catalog.tableComment(live) : null;
			if (comment != null && !comment.equals(this.dialect.storedComment(table.comment()))) {
				statements.add(this.dialect.commentOnTable(table));
			}
			if (existing != null) {
				Map<TableSpec.Column, Catalog.Column> liveOf = liveColumns(meta, table, existing);
				diffColumns(meta, table, liveOf, statements, destructive, checks, problems);
				java.util.Set<String> primaryKey = catalog.primaryKey(live);
				if (primaryKey != null && !primaryKey.isEmpty()) {
					java.util.Set<String> wanted = new java.util.TreeSet<>();
					table.columns().stream().filter(TableSpec.Column::pk).forEach((c) -> wanted.add(Catalog.key(c.name())));
					java.util.Set<String> renamed = new java.util.TreeSet<>();
					for (String column : primaryKey) {
						renamed.add(liveOf.entrySet().stream().filter((e) -> Catalog.key(e.getValue().name()).equals(column))
							.map((e) -> Catalog.key(e.getKey().name())).findFirst().orElse(column));
					}
					if (!renamed.equals(wanted)) {
						problems.add("The primary key of table \"" + table.table() + "\" is " + primaryKey + " in the"
								+ " database and " + wanted + " in model " + meta.name() + ". A primary key is not"
								+ " changed by a migration made here: write that change by hand (its foreign keys"
								+ " with it), or keep the model's key as the database has it.");
					}
				}
				Map<String, Catalog.UniqueColumn> unique = catalog.uniqueColumns(live);
				if (unique != null) {
					diffUniqueColumns(meta, table, liveOf, unique, statements, problems);
				}
				Map<String, Catalog.ForeignKey> keys = catalog.foreignKeys(live);
				if (keys != null) {
					diffForeignKeys(meta, table, liveOf, keys, statements, problems);
				}
				Set<String> kept = new HashSet<>();
				liveOf.values().forEach((c) -> kept.add(Catalog.key(c.name())));
				existing.keySet().stream().filter((name) -> !kept.contains(name)).sorted()
					.forEach((name) -> drops.add(this.dialect.dropColumn(table, existing.get(name).name())));
				Map<String, Catalog.Index> indexes = catalog.indexes(live);
				if (indexes != null) {
					diffIndexes(table, indexes, statements, problems);
				}
			}
			for (FieldMeta f : meta.fields()) {
				if (f.kind() == FieldKind.M2M) {
					TableSpec.Through through = through(meta, f);
					if (through.schema() == null && !catalog.hasTable(through.table())) {
						throughs.addAll(this.dialect.createThrough(through, false));
					}
				}
			}
		}
		statements.addAll(throughs);
		statements.addAll(drops);
		destructive.addAll(drops);
		return new SchemaDiff(statements, destructive, checks, problems);
	}

	private void diffColumns(ModelMeta<?> meta, TableSpec table, Map<TableSpec.Column, Catalog.Column> liveOf,
			List<String> statements, List<String> destructive, List<SchemaDiff.RowCheck> checks, List<String> problems) {
		for (TableSpec.Column c : table.columns()) {
			String field = fieldOf(meta, c);
			Catalog.Column live = liveOf.get(c);
			if (live != null && !live.name().equalsIgnoreCase(c.name())) {
				statements.add(this.dialect.renameColumn(table, live.name(), c.name()));
			}
			if (live == null) {
				statements.add(this.dialect.addColumn(table, c));
				if (!c.nullable() && c.defaultSql().isEmpty() && c.generatedType() == null) {
					if (this.dialect.addsRequiredColumns()) {
						checks.add(new SchemaDiff.RowCheck(table.table(), c.name(), field, false));
					}
					else {
						problems.add("Column \"" + c.name() + "\" of table \"" + table.table() + "\" (field " + field
								+ ") would be added NOT NULL without a default, which " + this.dialect.name()
								+ " cannot add to an existing table. Give the field a defaultValue, or make it"
								+ " nullable = true, then make the diff again.");
					}
				}
				continue;
			}
			if (c.pk() || c.generatedType() != null || live.type() == null) {
				continue; // keys are not altered in place; a catalog of names alone tells nothing more
			}
			boolean typeChanged = !this.dialect.typeKey(live.type()).equals(this.dialect.typeKey(c.type()));
			boolean nullChanged = live.nullable() != c.nullable();
			boolean defaultChanged = !this.dialect.sameDefault(live.defaultValue(), c.defaultSql());
			boolean commentChanged = live.comment() != null
					&& !live.comment().equals(this.dialect.storedComment(c.comment()));
			if (!typeChanged && !nullChanged && !defaultChanged && !commentChanged) {
				continue;
			}
			if (!typeChanged && !nullChanged && !defaultChanged) {
				statements.addAll(this.dialect.alterColumn(table, c, false, false, false, true));
				continue;
			}
			List<String> changes = new ArrayList<>();
			if (typeChanged) {
				changes.add("changes its type from " + live.type() + " to " + c.type());
			}
			if (nullChanged) {
				changes.add(c.nullable() ? "becomes nullable" : "becomes NOT NULL");
			}
			if (defaultChanged) {
				changes.add(c.defaultSql().isEmpty() ? "loses its default" : "gets the default"
						+ c.defaultSql().replaceFirst("^\\s*DEFAULT", ""));
			}
			String change = String.join(" and ", changes);
			List<String> alter = this.dialect.alterColumn(table, c, typeChanged, nullChanged, defaultChanged,
					commentChanged);
			if (alter.isEmpty()) {
				problems.add("Column \"" + c.name() + "\" of table \"" + table.table() + "\" (field " + field + ") "
						+ change + ", which " + this.dialect.name() + " cannot do to an existing column. Write the"
						+ " table's rebuild into the migration by hand (a new table, the rows copied, the old one"
						+ " dropped, the new one renamed), or keep the column as it was.");
				continue;
			}
			statements.addAll(alter);
			if (typeChanged && !this.dialect.widens(live.type(), c.type())) {
				destructive.addAll(alter);
			}
			if (nullChanged && !c.nullable()) {
				checks.add(new SchemaDiff.RowCheck(table.table(), c.name(), field, true));
			}
		}
	}

	/**
	 * Columns unique on their own, of columns both sides have: a UNIQUE added where the model
	 * asks for it, dropped where it no longer does (a unique-together of one column counts).
	 */
	private void diffUniqueColumns(ModelMeta<?> meta, TableSpec table, Map<TableSpec.Column, Catalog.Column> liveOf,
			Map<String, Catalog.UniqueColumn> unique, List<String> statements, List<String> problems) {
		Set<String> together = new HashSet<>();
		table.uniqueTogether().stream().filter((u) -> u.size() == 1).forEach((u) -> together.add(Catalog.key(u.get(0))));
		for (TableSpec.Column c : table.columns()) {
			if (c.pk()) {
				continue;
			}
			Catalog.Column live = liveOf.get(c);
			if (live == null) {
				continue; // added with its UNIQUE
			}
			Catalog.UniqueColumn have = unique.get(Catalog.key(live.name()));
			boolean wanted = c.unique() || together.contains(Catalog.key(c.name()));
			if (wanted == (have != null) || (have != null && together.contains(Catalog.key(c.name())))) {
				continue;
			}
			String statement = wanted ? this.dialect.addUniqueColumn(table, c.name())
					: this.dialect.dropIndex(table, new Catalog.Index(table.table(), have.name(), have.constraint()));
			if (statement == null) {
				problems.add("Column \"" + c.name() + "\" of table \"" + table.table() + "\" (field " + fieldOf(meta, c)
						+ ") is no longer unique in the models, and " + this.dialect.name() + " cannot drop the"
						+ " UNIQUE its CREATE TABLE made. Write the table's rebuild into the migration by hand, or keep"
						+ " the field unique.");
			}
			else {
				statements.add(statement);
			}
		}
	}

	/** Foreign keys of columns that both sides have: added, dropped, or remade where ON DELETE differs. */
	private void diffForeignKeys(ModelMeta<?> meta, TableSpec table, Map<TableSpec.Column, Catalog.Column> liveOf,
			Map<String, Catalog.ForeignKey> keys, List<String> statements, List<String> problems) {
		for (TableSpec.Column c : table.columns()) {
			Catalog.Column live = liveOf.get(c);
			if (live == null) {
				continue; // added with its key
			}
			Catalog.ForeignKey key = keys.get(Catalog.key(live.name()));
			TableSpec.Reference wanted = c.reference();
			boolean same = (key == null) ? wanted == null
					: wanted != null && wanted.onDelete().sql().equalsIgnoreCase(key.onDelete().trim());
			if (same) {
				continue;
			}
			List<String> change = new ArrayList<>();
			if (key != null) {
				change.add((key.name() != null) ? this.dialect.dropForeignKey(table, key.name()) : null);
			}
			if (wanted != null) {
				change.add(this.dialect.addForeignKey(table, c));
			}
			if (change.contains(null)) {
				problems.add("The foreign key of column \"" + c.name() + "\" of table \"" + table.table() + "\" (field "
						+ fieldOf(meta, c) + ") " + ((wanted == null) ? "is no longer in the models"
								: (key == null) ? "is missing" : "changes ON DELETE from " + key.onDelete() + " to "
										+ wanted.onDelete().sql())
						+ ", which " + this.dialect.name() + " cannot change on an existing table. Write the table's"
						+ " rebuild into the migration by hand, or keep the key as it was.");
			}
			else {
				statements.addAll(change);
			}
		}
	}

	private void diffIndexes(TableSpec table, Map<String, Catalog.Index> live, List<String> statements,
			List<String> problems) {
		Set<String> wanted = new HashSet<>();
		for (TableSpec.IndexSpec index : table.indexes()) {
			if (wanted.add(Catalog.key(index.name())) && !live.containsKey(Catalog.key(index.name()))) {
				statements.add(this.dialect.createIndex(table, index, false));
			}
		}
		for (List<String> unique : table.uniqueTogether()) {
			String name = Dialect.indexName("uid", table.table(), unique);
			if (wanted.add(Catalog.key(name)) && !live.containsKey(Catalog.key(name))) {
				statements.add(this.dialect.addUnique(table, name, unique));
			}
		}
		for (Catalog.Index index : live.values()) {
			String name = Catalog.key(index.name());
			if ((name.startsWith("idx_") || name.startsWith("uid_")) && !wanted.contains(name)) {
				String drop = this.dialect.dropIndex(table, index);
				if (drop == null) {
					problems.add("Constraint \"" + index.name() + "\" of table \"" + table.table() + "\" is no longer in"
							+ " the models, and " + this.dialect.name() + " cannot drop a constraint of an existing table."
							+ " Write the table's rebuild into the migration by hand, or keep the unique-together.");
				}
				else {
					statements.add(drop);
				}
			}
		}
	}

	/**
	 * The catalog's column of each column of the model that has one: by its name, else by the
	 * newest name it had ({@link FormerName}) that no other column of the model has now.
	 * Columns without one are new.
	 */
	private static Map<TableSpec.Column, Catalog.Column> liveColumns(ModelMeta<?> meta, TableSpec table,
			Map<String, Catalog.Column> existing) {
		Map<TableSpec.Column, Catalog.Column> out = new java.util.LinkedHashMap<>();
		for (TableSpec.Column c : table.columns()) {
			Catalog.Column live = existing.get(Catalog.key(c.name()));
			for (String old : formerNames(meta, c)) {
				if (live != null) {
					break;
				}
				if (table.columns().stream().noneMatch((o) -> o.name().equalsIgnoreCase(old))) {
					live = existing.get(Catalog.key(old));
				}
			}
			if (live != null) {
				out.put(c, live);
			}
		}
		return out;
	}

	private static String fieldOf(ModelMeta<?> meta, TableSpec.Column c) {
		return meta.columns().stream().filter((f) -> f.column().equals(c.name()))
			.map((f) -> meta.name() + "." + f.name()).findFirst().orElse(c.name());
	}

	private static String[] formerNames(ModelMeta<?> meta, TableSpec.Column c) {
		String name = meta.columns().stream().filter((f) -> f.column().equals(c.name())).map(FieldMeta::name).findFirst()
			.orElse(null);
		for (Class<?> type = meta.modelClass(); name != null && type != null; type = type.getSuperclass()) {
			try {
				return formerNames(type.getDeclaredField(name));
			}
			catch (NoSuchFieldException ex) {
				// declared higher up
			}
		}
		return new String[0];
	}

	private static String[] formerNames(java.lang.reflect.AnnotatedElement element) {
		FormerName former = element.getAnnotation(FormerName.class);
		return (former != null) ? former.value() : new String[0];
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

package dev.tortoise.schema;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What a live database holds, as {@code schemaDiff} compares it with the models: each table's
 * columns (nullability and the type as the catalog tells it) and the names of its indexes and
 * named constraints. Names compare without case. Immutable.
 */
public final class Catalog {

	/**
	 * One column as the catalog describes it; {@code type} is null where neither it, the
	 * nullability nor the default was read; {@code defaultValue} is the catalog's text of its
	 * default, null for none; {@code comment} its comment, empty for none, null where comments
	 * are not read (SQLite keeps them inside its CREATE statements only).
	 */
	public record Column(String table, String name, boolean nullable, @Nullable String type,
			@Nullable String defaultValue, @Nullable String comment) {

		public Column(String table, String name, boolean nullable, @Nullable String type) {
			this(table, name, nullable, type, null, null);
		}

	}

	/** A foreign key of a column: its {@code ON DELETE} rule and constraint name (null where it has none). */
	public record ForeignKey(String table, String column, String onDelete, @Nullable String name) {
	}

	/** A column of a table's primary key. */
	public record KeyColumn(String table, String column) {
	}

	/**
	 * A unique constraint or index on one column.
	 * @param name its constraint's or index's name
	 * @param constraint whether it is a constraint (dropped as one) rather than an index
	 */
	public record UniqueColumn(String table, String column, String name, boolean constraint) {
	}

	/** A table's comment as the catalog keeps it (empty for none). */
	public record TableComment(String table, String comment) {
	}

	/**
	 * One index or named constraint of a table.
	 * @param constraint whether it is a constraint (dropped as one) rather than an index
	 */
	public record Index(String table, String name, boolean constraint) {
	}

	private final Map<String, Map<String, Column>> columns = new HashMap<>();

	private final Map<String, Map<String, Index>> indexes = new HashMap<>();

	private final boolean indexesRead;

	private final Map<String, String> tableComments = new HashMap<>();

	private final Map<String, Map<String, ForeignKey>> foreignKeys = new HashMap<>();

	private final boolean foreignKeysRead;

	private final Map<String, java.util.Set<String>> primaryKeys = new HashMap<>();

	private final boolean primaryKeysRead;

	private final Map<String, Map<String, UniqueColumn>> uniqueColumns = new HashMap<>();

	private final boolean uniqueColumnsRead;

	/**
	 * A catalog of columns and indexes.
	 * @param indexes the indexes, or null where they were not read (none is then compared)
	 */
	public Catalog(List<Column> columns, @Nullable List<Index> indexes) {
		this(columns, indexes, List.of(), null, null, null);
	}

	/**
	 * A catalog of columns, indexes and tables' comments.
	 * @param indexes the indexes, or null where they were not read (none is then compared)
	 * @param tableComments the tables' comments; empty where they were not read
	 * @param foreignKeys the foreign keys, or null where they were not read (none is then compared)
	 * @param primaryKeys the primary keys' columns, or null where they were not read
	 * @param uniqueColumns the columns unique on their own, or null where they were not read
	 */
	public Catalog(List<Column> columns, @Nullable List<Index> indexes, List<TableComment> tableComments,
			@Nullable List<ForeignKey> foreignKeys, @Nullable List<KeyColumn> primaryKeys,
			@Nullable List<UniqueColumn> uniqueColumns) {
		this.uniqueColumnsRead = uniqueColumns != null;
		if (uniqueColumns != null) {
			uniqueColumns.forEach((u) -> this.uniqueColumns.computeIfAbsent(key(u.table()), (t) -> new HashMap<>())
				.put(key(u.column()), u));
		}
		this.primaryKeysRead = primaryKeys != null;
		if (primaryKeys != null) {
			primaryKeys.forEach((k) -> this.primaryKeys.computeIfAbsent(key(k.table()), (t) -> new java.util.TreeSet<>())
				.add(key(k.column())));
		}
		this.foreignKeysRead = foreignKeys != null;
		if (foreignKeys != null) {
			foreignKeys.forEach((k) -> this.foreignKeys.computeIfAbsent(key(k.table()), (t) -> new HashMap<>())
				.put(key(k.column()), k));
		}
		tableComments.forEach((c) -> this.tableComments.put(key(c.table()), (c.comment() != null) ? c.comment() : ""));
		for (Column c : columns) {
			this.columns.computeIfAbsent(key(c.table()), (t) -> new java.util.LinkedHashMap<>()).put(key(c.name()), c);
		}
		this.indexesRead = indexes != null;
		if (indexes != null) {
			for (Index i : indexes) {
				this.indexes.computeIfAbsent(key(i.table()), (t) -> new java.util.TreeMap<>()).put(key(i.name()), i);
			}
		}
	}


	/** A table's columns unique on their own, by lower-case column, null where they were not read. */
	@Nullable Map<String, UniqueColumn> uniqueColumns(String table) {
		return this.uniqueColumnsRead ? this.uniqueColumns.getOrDefault(key(table), Map.of()) : null;
	}

	/** A table's primary-key columns in lower case, null where primary keys were not read. */
	java.util.@Nullable Set<String> primaryKey(String table) {
		return this.primaryKeysRead ? this.primaryKeys.getOrDefault(key(table), java.util.Set.of()) : null;
	}

	/** A table's foreign keys by lower-case column, null where foreign keys were not read. */
	@Nullable Map<String, ForeignKey> foreignKeys(String table) {
		return this.foreignKeysRead ? this.foreignKeys.getOrDefault(key(table), Map.of()) : null;
	}

	/** A table's comment, null where table comments were not read. */
	@Nullable String tableComment(String table) {
		return this.tableComments.isEmpty() ? null : this.tableComments.getOrDefault(key(table), "");
	}

	/** A catalog of column names alone, as {@code table -> columns}. */
	public static Catalog ofNames(Map<String, Set<String>> names) {
		List<Column> columns = new java.util.ArrayList<>();
		names.forEach((table, cs) -> cs.forEach((c) -> columns.add(new Column(table, c, true, null))));
		return new Catalog(columns, null);
	}

	static String key(String name) {
		return name.toLowerCase(Locale.ROOT);
	}

	boolean hasTable(String table) {
		return this.columns.containsKey(key(table));
	}

	/** The table's columns by lower-case name, or null if there is no such table. */
	@Nullable Map<String, Column> columns(String table) {
		return this.columns.get(key(table));
	}

	/** The table's indexes and named constraints by lower-case name, or null if they were not read. */
	@Nullable Map<String, Index> indexes(String table) {
		return this.indexesRead ? this.indexes.getOrDefault(key(table), Map.of()) : null;
	}

}

package dev.tortoise.schema;

import java.util.List;

import dev.tortoise.fields.OnDelete;
import org.jspecify.annotations.Nullable;

/** What one CREATE TABLE says, independent of dialect; dialects render it. */
record TableSpec(String table, String comment, List<Column> columns, List<List<String>> uniqueTogether,
		List<IndexSpec> indexes, @Nullable String schema) {

	TableSpec(String table, String comment, List<Column> columns, List<List<String>> uniqueTogether,
			List<IndexSpec> indexes) {
		this(table, comment, columns, uniqueTogether, indexes, null);
	}

	/**
	 * One index: its name (given or Tortoise's generated one), columns, kind, the partial
	 * index's condition (column to value) and a full-text parser.
	 */
	record IndexSpec(String name, List<String> columns, dev.tortoise.models.IndexType type,
			java.util.Map<String, Object> condition, String parser) {

		/** An ordinary index with Tortoise's generated name. */
		static IndexSpec plain(String table, List<String> columns) {
			return new IndexSpec(Dialect.indexName("idx", table, columns), columns, dev.tortoise.models.IndexType.DEFAULT,
					java.util.Map.of(), "");
		}

	}

	/**
	 * One column; {@code generatedType} is set for database-generated keys, {@code defaultSql}
	 * is the {@code DEFAULT} clause with its leading space (or empty), {@code reference} is set
	 * for foreign keys with a database constraint.
	 */
	record Column(String name, String type, boolean nullable, boolean unique, boolean pk,
			@Nullable String generatedType, String defaultSql, String comment, @Nullable Reference reference) {
	}

	/** The same table without its comment and its columns' comments. */
	TableSpec withoutComments() {
		return new TableSpec(this.table, "", this.columns.stream()
			.map((c) -> new Column(c.name(), c.type(), c.nullable(), c.unique(), c.pk(), c.generatedType(),
					c.defaultSql(), "", c.reference()))
			.toList(), this.uniqueTogether, this.indexes, this.schema);
	}

	/** The target of a foreign-key column. */
	record Reference(String table, String column, OnDelete onDelete, @Nullable String schema) {

		Reference(String table, String column, OnDelete onDelete) {
			this(table, column, onDelete, null);
		}

	}

	/** A many-to-many through table. */
	record Through(String table, String comment, String backwardKey, String backwardType, Reference backward,
			String forwardKey, String forwardType, Reference forward, boolean constraints, boolean uniqueIndex,
			@Nullable String schema) {

		Through(String table, String comment, String backwardKey, String backwardType, Reference backward,
				String forwardKey, String forwardType, Reference forward, boolean constraints, boolean uniqueIndex) {
			this(table, comment, backwardKey, backwardType, backward, forwardKey, forwardType, forward, constraints,
					uniqueIndex, null);
		}

		/** The same through table without its comment. */
		Through withoutComment() {
			return new Through(this.table, "", this.backwardKey, this.backwardType, this.backward, this.forwardKey,
					this.forwardType, this.forward, this.constraints, this.uniqueIndex, this.schema);
		}

	}

}

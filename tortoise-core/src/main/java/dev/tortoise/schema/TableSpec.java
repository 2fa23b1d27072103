package dev.tortoise.schema;

import java.util.List;

import dev.tortoise.fields.OnDelete;
import org.jspecify.annotations.Nullable;

/** What one CREATE TABLE says, independent of dialect; dialects render it. */
record TableSpec(String table, String comment, List<Column> columns, List<List<String>> uniqueTogether,
		List<List<String>> indexes) {

	/**
	 * One column; {@code relation} marks foreign-key columns, {@code reference} is null for
	 * plain columns and for relations without a database constraint.
	 */
	record Column(String name, String type, boolean nullable, boolean unique, boolean pk, boolean generated,
			@Nullable String generatedType, @Nullable String defaultSql, String comment, boolean relation,
			@Nullable Reference reference) {
	}

	/** The target of a foreign-key column. */
	record Reference(String table, String column, OnDelete onDelete) {
	}

	/** A many-to-many through table. */
	record Through(String table, String comment, String backwardKey, String backwardType, Reference backward,
			String forwardKey, String forwardType, Reference forward, boolean constraints, boolean uniqueIndex) {
	}

}

package dev.tortoise.schema;

import java.util.List;

/**
 * What a connection's live catalog lacks, or holds beyond, its models, as DDL for its
 * dialect in the order it runs: tables to create (with their indexes, constraints and
 * comments, as {@code generateSchemas} writes them), columns to add, and the destructive
 * subset (columns the models no longer have, to drop). An up-to-date database gives an
 * empty diff. Compared: tables (and many-to-many through tables) and columns by name, renames
 * the models declare ({@link dev.tortoise.models.FormerName}), each column's type, nullability,
 * default, comment and own UNIQUE, table comments, foreign keys with their {@code ON DELETE},
 * and indexes and unique-together constraints by name; a primary key that differs is a
 * problem, never changed. Not compared: an index's columns under the same name; a table no
 * model names is left alone.
 */
public final class SchemaDiff {

	private final List<String> statements;

	private final List<String> destructive;

	private final List<RowCheck> checks;

	private final List<String> problems;

	/**
	 * A change that the table's rows may make impossible, for the caller to check before the
	 * diff is used: a NOT NULL column without a default to add (the table must have no rows),
	 * or a column to make NOT NULL (no row may hold NULL in it).
	 * @param table the table
	 * @param column the column
	 * @param field the model's field, as {@code Model.field}
	 * @param nullsOnly whether only rows holding NULL in the column are in the way
	 */
	public record RowCheck(String table, String column, String field, boolean nullsOnly) {

		/** The problem when rows are in the way: a sentence naming table, column and field, and the ways out. */
		String problem() {
			String named = "Column \"" + this.column + "\" of table \"" + this.table + "\" (field " + this.field + ")";
			if (this.nullsOnly) {
				return named + " would become NOT NULL, and rows hold NULL in it. Give those rows a value first (an"
						+ " UPDATE at the top of the migration), or keep the field nullable = true, then make the diff again.";
			}
			return named + " would be added NOT NULL without a default, and the table has rows, which would have no"
					+ " value for it. Give the field a defaultValue, or make it nullable = true, then make the diff again.";
		}

	}

	SchemaDiff(List<String> statements, List<String> destructive) {
		this(statements, destructive, List.of(), List.of());
	}

	SchemaDiff(List<String> statements, List<String> destructive, List<RowCheck> checks, List<String> problems) {
		this.statements = List.copyOf(statements);
		this.destructive = List.copyOf(destructive);
		this.checks = List.copyOf(checks);
		this.problems = List.copyOf(problems);
	}

	/** The changes whose safety depends on the tables' rows: each to check with {@link #checkQuery}. */
	public List<RowCheck> rowChecks() {
		return this.checks;
	}

	/** A query giving a row when the check fails: any row of the table, or one holding NULL in the column. */
	public static String checkQuery(Dialect dialect, RowCheck check) {
		return "SELECT 1 FROM " + dialect.quote(check.table())
				+ (check.nullsOnly() ? " WHERE " + dialect.quote(check.column()) + " IS NULL" : "") + " LIMIT 1";
	}

	/** The same diff with the checks that failed as problems. */
	public SchemaDiff withFailedChecks(java.util.Collection<RowCheck> failed) {
		List<String> found = new java.util.ArrayList<>(this.problems);
		for (RowCheck check : this.checks) {
			if (failed.contains(check) && !found.contains(check.problem())) {
				found.add(check.problem());
			}
		}
		return new SchemaDiff(this.statements, this.destructive, this.checks, found);
	}

	/** Changes the database's rows make impossible, each a sentence naming table and column and the ways out. */
	public List<String> problems() {
		return this.problems;
	}

	/** Whether the catalog matches the models. */
	public boolean isEmpty() {
		return this.statements.isEmpty();
	}

	/** Every statement, in the order to run them, the destructive ones included. */
	public List<String> statements() {
		return this.statements;
	}

	/** The statements that drop what the models no longer have. */
	public List<String> destructive() {
		return this.destructive;
	}

	/**
	 * Writes the diff as the next versioned migration of a folder in Flyway's naming,
	 * {@code V<n>__<description>.sql} with {@code n} one past the highest version there (1 in
	 * an empty folder), one statement a line, for review before it is applied. A diff that
	 * drops something is refused unless {@code allowDestructive}, naming what it would drop.
	 * @return the file written
	 * @throws dev.tortoise.exceptions.ParamsException if the diff is empty, or destructive and not allowed
	 */
	public java.nio.file.Path writeMigration(java.nio.file.Path folder, String description, boolean allowDestructive)
			throws java.io.IOException {
		if (isEmpty()) {
			throw new dev.tortoise.exceptions.ParamsException("The database matches the models: there is no migration"
					+ " to write.");
		}
		if (!this.problems.isEmpty()) {
			throw new dev.tortoise.exceptions.ParamsException(String.join(" ", this.problems));
		}
		if (!allowDestructive && !this.destructive.isEmpty()) {
			throw new dev.tortoise.exceptions.ParamsException("This migration would drop what the models no longer have ("
					+ String.join(" ", this.destructive) + "). Write it with allowDestructive once you have decided the"
					+ " data may go, or keep those columns in the models.");
		}
		String name = description.trim().replaceAll("[^A-Za-z0-9]+", "_").replaceAll("^_+|_+$", "");
		if (name.isEmpty()) {
			throw new dev.tortoise.exceptions.ParamsException("A migration needs a description of letters or digits,"
					+ " such as add_prize; got \"" + description + "\".");
		}
		java.nio.file.Files.createDirectories(folder);
		int next = 1;
		java.util.regex.Pattern version = java.util.regex.Pattern.compile("V(\\d+)__.*\\.sql");
		try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(folder)) {
			for (java.nio.file.Path file : (Iterable<java.nio.file.Path>) files::iterator) {
				java.util.regex.Matcher m = version.matcher(file.getFileName().toString());
				if (m.matches()) {
					next = Math.max(next, Integer.parseInt(m.group(1)) + 1);
				}
			}
		}
		java.nio.file.Path file = folder.resolve("V" + next + "__" + name + ".sql");
		java.nio.file.Files.writeString(file, "-- Tortoise for Java: the models against the database's catalog.\n"
				+ String.join("\n", this.statements) + "\n", java.nio.file.StandardOpenOption.CREATE_NEW);
		return file;
	}

	@Override
	public String toString() {
		return isEmpty() ? "SchemaDiff[empty]" : String.join("\n", this.statements);
	}

}

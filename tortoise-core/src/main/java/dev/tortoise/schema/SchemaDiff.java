package dev.tortoise.schema;

import java.util.List;

/**
 * What a connection's live catalog lacks, or holds beyond, its models, as DDL for its
 * dialect in the order it runs: tables to create (with their indexes, constraints and
 * comments, as {@code generateSchemas} writes them), columns to add, and the destructive
 * subset (columns the models no longer have, to drop). An up-to-date database gives an
 * empty diff. Compared today: tables (and many-to-many through tables) and columns by name;
 * a column's type, nullability, default or indexes changing are not yet.
 */
public final class SchemaDiff {

	private final List<String> statements;

	private final List<String> destructive;

	SchemaDiff(List<String> statements, List<String> destructive) {
		this.statements = List.copyOf(statements);
		this.destructive = List.copyOf(destructive);
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

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

	@Override
	public String toString() {
		return isEmpty() ? "SchemaDiff[empty]" : String.join("\n", this.statements);
	}

}

package dev.tortoise.fields;

/** What the database does to referencing rows when the referenced row is deleted. */
public enum OnDelete {

	/** Delete the referencing rows too (the default). */
	CASCADE("CASCADE"),
	/** Refuse to delete a row that is still referenced. */
	RESTRICT("RESTRICT"),
	/** Set the referencing column to NULL; the field must be nullable. */
	SET_NULL("SET NULL"),
	/** Set the referencing column to its default; the field must have a default. */
	SET_DEFAULT("SET DEFAULT"),
	/** Do nothing now; the constraint is checked at the end of the statement. */
	NO_ACTION("NO ACTION");

	private final String sql;

	OnDelete(String sql) {
		this.sql = sql;
	}

	/** The SQL words after {@code ON DELETE}. */
	public String sql() {
		return this.sql;
	}

}

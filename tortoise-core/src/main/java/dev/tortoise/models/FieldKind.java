package dev.tortoise.models;

/** What a field of a model is: a column of data, or one side of a relation. */
public enum FieldKind {

	/** A plain column. */
	DATA,
	/** A foreign key: a column pointing at another model's row. */
	FK,
	/** A one-to-one relation: a UNIQUE foreign-key column. */
	O2O,
	/** A many-to-many relation, stored in a through table. */
	M2M,
	/** The rows of another model whose foreign key points here. */
	BACKWARD_FK,
	/** The row of another model whose one-to-one relation points here. */
	BACKWARD_O2O,
	/** The backward side of another model's many-to-many relation. */
	BACKWARD_M2M;

	/** Whether this kind has a column in the model's own table. */
	public boolean hasColumn() {
		return this == DATA || this == FK || this == O2O;
	}

	/** Whether this kind is a relation to another model. */
	public boolean isRelation() {
		return this != DATA;
	}

	/** Whether this kind is the backward side of a relation declared on another model. */
	public boolean isBackward() {
		return this == BACKWARD_FK || this == BACKWARD_O2O || this == BACKWARD_M2M;
	}

}

package dev.tortoise.signals;

/** When a listener is called, as Tortoise's signals. */
public enum ModelSignal {

	/** Before an instance is inserted or updated ({@code create}, {@code save}); an error vetoes the write. */
	PRE_SAVE,

	/** After an instance was inserted or updated, in the same transaction. */
	POST_SAVE,

	/** Before an instance is deleted ({@code ctx.delete}); an error vetoes the delete. */
	PRE_DELETE,

	/** After an instance was deleted, in the same transaction. */
	POST_DELETE

}

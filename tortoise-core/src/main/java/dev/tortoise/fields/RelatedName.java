package dev.tortoise.fields;

/** Special values for the {@code relatedName} attribute of relation annotations. */
public final class RelatedName {

	/**
	 * No backward relation at all (Tortoise's {@code related_name=False}); for foreign
	 * keys and one-to-one relations only.
	 */
	public static final String NONE = "+";

	private RelatedName() {
	}

}

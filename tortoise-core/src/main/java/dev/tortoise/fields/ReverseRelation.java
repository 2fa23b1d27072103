package dev.tortoise.fields;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The backward side of a foreign key: the rows of another model that point to this one.
 * Declare a field of this type on the related model to get typed access; the ORM sets it
 * on every instance it loads.
 *
 * @param <T> the model on the other side
 */
public final class ReverseRelation<T> extends AbstractRelation<T> {

	private ReverseRelation(String owner, String name, @Nullable List<T> values) {
		super(owner, name, values);
	}

	/** A container whose values have not been fetched; reading it throws. */
	public static <T> ReverseRelation<T> unfetched(String owner, String name) {
		return new ReverseRelation<>(owner, name, null);
	}

	/** A container holding the given fetched values. */
	public static <T> ReverseRelation<T> fetched(String owner, String name, List<T> values) {
		return new ReverseRelation<>(owner, name, values);
	}

}

package dev.tortoise.fields;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Both sides of a many-to-many relation. Declare the forward side with
 * {@link ManyToManyField}; the backward side may be declared with this type too. The ORM
 * sets it on every instance it loads.
 *
 * @param <T> the model on the other side
 */
public final class ManyToManyRelation<T> extends AbstractRelation<T> {

	private ManyToManyRelation(String owner, String name, @Nullable List<T> values) {
		super(owner, name, values);
	}

	/** A container whose values have not been fetched; reading it throws. */
	public static <T> ManyToManyRelation<T> unfetched(String owner, String name) {
		return new ManyToManyRelation<>(owner, name, null);
	}

	/** A container holding the given fetched values. */
	public static <T> ManyToManyRelation<T> fetched(String owner, String name, List<T> values) {
		return new ManyToManyRelation<>(owner, name, values);
	}

}

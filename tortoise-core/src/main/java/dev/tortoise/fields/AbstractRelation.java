package dev.tortoise.fields;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;

import dev.tortoise.exceptions.NoValuesFetchedException;
import org.jspecify.annotations.Nullable;

/** What the two relation containers share: fetched values, or a pointer to how to fetch them. */
abstract class AbstractRelation<T> implements Iterable<T> {

	private final String owner;

	private final String name;

	private final @Nullable List<T> values;

	AbstractRelation(String owner, String name, @Nullable List<T> values) {
		this.owner = owner;
		this.name = name;
		this.values = (values != null) ? List.copyOf(values) : null;
	}

	/** Whether the values have been fetched. */
	public boolean isFetched() {
		return this.values != null;
	}

	/**
	 * The fetched values.
	 * @throws NoValuesFetchedException if they have not been fetched
	 */
	public List<T> list() {
		if (this.values == null) {
			throw new NoValuesFetchedException("Relation " + this.owner + "." + this.name
					+ " has not been fetched. Fetch it with prefetchRelated(\"" + this.name
					+ "\") on the query, or with ctx.fetchRelated(instance, \"" + this.name + "\").");
		}
		return this.values;
	}

	/** Number of fetched values. */
	public int size() {
		return list().size();
	}

	@Override
	public Iterator<T> iterator() {
		return Collections.unmodifiableList(list()).iterator();
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + "[" + this.owner + "." + this.name
				+ ((this.values != null) ? ", " + this.values.size() + " fetched]" : ", not fetched]");
	}

}

package dev.tortoise.fields;

/**
 * A check of a field's value before it is written, as a Tortoise validator: it throws a
 * {@code dev.tortoise.exceptions.ValidationException} (or any {@code IllegalArgumentException},
 * reported as one) for a value the field must not hold. Never called with null.
 *
 * @param <T> the field's Java type
 */
@FunctionalInterface
public interface Validator<T> {

	/** Checks a value about to be written. */
	void validate(T value);

}

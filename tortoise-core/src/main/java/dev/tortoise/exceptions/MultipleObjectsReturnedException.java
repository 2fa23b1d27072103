package dev.tortoise.exceptions;

import org.jspecify.annotations.Nullable;

/** A query that had to return one row returned several. */
public class MultipleObjectsReturnedException extends TortoiseException {

	private static final long serialVersionUID = 1L;

	public MultipleObjectsReturnedException(String message) {
		super(message);
	}

	public MultipleObjectsReturnedException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}

package dev.tortoise.exceptions;

import org.jspecify.annotations.Nullable;

/** A query that had to return one row returned none. */
public class DoesNotExistException extends TortoiseException {

	private static final long serialVersionUID = 1L;

	public DoesNotExistException(String message) {
		super(message);
	}

	public DoesNotExistException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}

package dev.tortoise.exceptions;

import org.jspecify.annotations.Nullable;

/** A relation container was read before its values were fetched. */
public class NoValuesFetchedException extends TortoiseException {

	private static final long serialVersionUID = 1L;

	public NoValuesFetchedException(String message) {
		super(message);
	}

	public NoValuesFetchedException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}

package dev.tortoise.exceptions;

import org.jspecify.annotations.Nullable;

/** A value that does not fit its field. */
public class ValidationException extends TortoiseException {

	private static final long serialVersionUID = 1L;

	public ValidationException(String message) {
		super(message);
	}

	public ValidationException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}

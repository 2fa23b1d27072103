package dev.tortoise.exceptions;

import org.jspecify.annotations.Nullable;

/** A constraint of the database was violated; the driver's error is the cause. */
public class IntegrityException extends TortoiseException {

	private static final long serialVersionUID = 1L;

	public IntegrityException(String message) {
		super(message);
	}

	public IntegrityException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}

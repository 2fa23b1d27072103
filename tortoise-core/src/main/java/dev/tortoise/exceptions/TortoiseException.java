package dev.tortoise.exceptions;

import org.jspecify.annotations.Nullable;

/** Base class of every exception Tortoise raises. */
public class TortoiseException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public TortoiseException(String message) {
		super(message);
	}

	public TortoiseException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}

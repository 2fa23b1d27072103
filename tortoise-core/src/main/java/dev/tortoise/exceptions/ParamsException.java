package dev.tortoise.exceptions;

import org.jspecify.annotations.Nullable;

/** Parameters that do not fit the call, such as {@code inTransaction} without a connection name when several connections exist. */
public class ParamsException extends TortoiseException {

	private static final long serialVersionUID = 1L;

	public ParamsException(String message) {
		super(message);
	}

	public ParamsException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}

package dev.tortoise.exceptions;

import org.jspecify.annotations.Nullable;

/** A field or lookup name that the model does not have, or a field used where it cannot be. The message lists the valid names. */
public class FieldException extends TortoiseException {

	private static final long serialVersionUID = 1L;

	public FieldException(String message) {
		super(message);
	}

	public FieldException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}

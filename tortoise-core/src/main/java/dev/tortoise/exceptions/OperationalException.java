package dev.tortoise.exceptions;

import org.jspecify.annotations.Nullable;

/** The database could not be reached or an operation failed for a reason other than a constraint: connection errors, time-outs, failed DDL. */
public class OperationalException extends TortoiseException {

	private static final long serialVersionUID = 1L;

	public OperationalException(String message) {
		super(message);
	}

	public OperationalException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}

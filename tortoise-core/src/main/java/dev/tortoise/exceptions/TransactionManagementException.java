package dev.tortoise.exceptions;

import org.jspecify.annotations.Nullable;

/** A transaction was used in a way it cannot be, such as after it ended. */
public class TransactionManagementException extends TortoiseException {

	private static final long serialVersionUID = 1L;

	public TransactionManagementException(String message) {
		super(message);
	}

	public TransactionManagementException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}

package dev.tortoise.exceptions;

import org.jspecify.annotations.Nullable;

/** Something is wrong in the configuration or in the models; raised at init, before any query. The message names the app, connection, model or field at fault. */
public class ConfigurationException extends TortoiseException {

	private static final long serialVersionUID = 1L;

	public ConfigurationException(String message) {
		super(message);
	}

	public ConfigurationException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}

package dev.tortoise.signals;

import java.util.List;

/**
 * What a listener is told: the signal, the instance, whether the save creates the row, and
 * the fields a partial save writes (empty for a whole save or a delete).
 *
 * @param <T> the model
 */
public record SignalEvent<T>(ModelSignal signal, T instance, boolean created, List<String> updateFields) {

	public SignalEvent {
		updateFields = List.copyOf(updateFields);
	}

}

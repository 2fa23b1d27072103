package dev.tortoise.query;

/**
 * What {@link QuerySet#getOrCreate} and {@link QuerySet#updateOrCreate} give: the row's
 * instance and whether it was created (Tortoise's {@code (instance, created)} tuple).
 *
 * @param <T> the model
 * @param object the instance found, updated or created
 * @param created whether the row was inserted by this call
 */
public record Created<T>(T object, boolean created) {
}

package dev.tortoise.types;

import java.time.ZoneId;

import dev.tortoise.schema.Dialect;

/**
 * What converting a value depends on besides its field: the connection's dialect (how its
 * driver binds and reads the type) and Tortoise's time-zone settings ({@code use_tz},
 * {@code timezone}).
 */
public record TypeContext(Dialect dialect, boolean useTz, ZoneId zone) {
}

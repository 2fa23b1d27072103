/**
 * Actuator support for Tortoise: the {@code tortoise} health contributor, pool gauges and
 * the {@code tortoise} endpoint. Each part is active only when its library is present.
 */
@NullMarked
package dev.tortoise.spring.boot.actuate;

import org.jspecify.annotations.NullMarked;

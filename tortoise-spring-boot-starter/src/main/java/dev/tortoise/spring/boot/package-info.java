/**
 * Spring Boot auto-configuration for Tortoise: {@code tortoise.*} properties, one
 * {@code TortoiseContext} bean closed with the application context, and Spring's reactive
 * transactions over Tortoise's pools.
 */
@NullMarked
package dev.tortoise.spring.boot;

import org.jspecify.annotations.NullMarked;

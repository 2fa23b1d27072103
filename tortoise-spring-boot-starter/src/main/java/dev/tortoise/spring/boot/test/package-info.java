/**
 * The {@link dev.tortoise.spring.boot.test.TortoiseTest @TortoiseTest} slice: Tortoise's
 * auto-configuration only, the schema generated, everything closed after the test class.
 */
@NullMarked
package dev.tortoise.spring.boot.test;

import org.jspecify.annotations.NullMarked;

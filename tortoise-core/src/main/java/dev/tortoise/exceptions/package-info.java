/** The exceptions Tortoise raises. */
@NullMarked
package dev.tortoise.exceptions;

import org.jspecify.annotations.NullMarked;

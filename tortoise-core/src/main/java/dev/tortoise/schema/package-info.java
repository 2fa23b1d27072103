/** Tortoise-compatible DDL, one dialect per database. */
@NullMarked
package dev.tortoise.schema;

import org.jspecify.annotations.NullMarked;

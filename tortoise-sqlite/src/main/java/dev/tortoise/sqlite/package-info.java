/**
 * An R2DBC driver for SQLite over xerial's sqlite-jdbc. {@code r2dbc:sqlite:} URLs (or
 * {@code driver=sqlite} options) are found through {@link java.util.ServiceLoader}. Each
 * connection runs its JDBC calls on a thread of its own, so a caller's event loop never
 * waits on SQLite; rows are read from the database as subscribers ask for them.
 */
@NullMarked
package dev.tortoise.sqlite;

import org.jspecify.annotations.NullMarked;

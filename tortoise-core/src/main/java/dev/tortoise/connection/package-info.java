/** One r2dbc-pool per configured connection, and closing them. */
@NullMarked
package dev.tortoise.connection;

import org.jspecify.annotations.NullMarked;

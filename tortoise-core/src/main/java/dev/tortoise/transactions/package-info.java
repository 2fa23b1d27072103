/** Transactions carried in the Reactor Context, with savepoints for nesting. */
@NullMarked
package dev.tortoise.transactions;

import org.jspecify.annotations.NullMarked;

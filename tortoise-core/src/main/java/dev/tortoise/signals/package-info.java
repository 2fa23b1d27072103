/**
 * Tortoise's model signals ({@code pre_save}, {@code post_save}, {@code pre_delete},
 * {@code post_delete}): listeners registered on the context, called around each instance's
 * save and delete in the same reactive chain, so in the same transaction.
 */
@NullMarked
package dev.tortoise.signals;

import org.jspecify.annotations.NullMarked;

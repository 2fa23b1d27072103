/**
 * Queries and writes: {@link dev.tortoise.query.QuerySet} and {@link dev.tortoise.query.Q}
 * for users; inside, one compiler per kind of statement ({@code Reads}, {@code BulkWrites},
 * {@code Persister}, {@code Prefetcher}, {@link dev.tortoise.query.ManyToManyManager})
 * builds a tree of {@code dev.tortoise.query.sql}, the {@code Engine} caches its text and
 * runs it ({@code Executor}, {@code Lease}, {@code ReadToEnd}), and {@code RowMapper}
 * turns rows into instances.
 */
@NullMarked
package dev.tortoise.query;

import org.jspecify.annotations.NullMarked;

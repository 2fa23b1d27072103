/**
 * One handler per field type ({@link dev.tortoise.types.TypeHandler}): which Java types a
 * field of the type is declared with, how its values go to the database and back
 * (Tortoise's {@code to_db_value} and {@code to_python_value}), and its column's SQL type,
 * which the connection's dialect names.
 */
@NullMarked
package dev.tortoise.types;

import org.jspecify.annotations.NullMarked;

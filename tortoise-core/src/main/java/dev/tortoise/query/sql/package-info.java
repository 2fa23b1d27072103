/**
 * SQL as a small tree of immutable nodes ({@link dev.tortoise.query.sql.Part}) that render
 * themselves into a {@link dev.tortoise.query.sql.Context}, which the connection's
 * {@link dev.tortoise.schema.Dialect} shapes where databases differ. One walk writes a
 * statement's text and the list of its placeholders' {@link dev.tortoise.query.sql.Value}s
 * ({@link dev.tortoise.query.sql.Compiled}); each call then binds the values only. Internal
 * to the ORM and its dialects: applications use {@code QuerySet}.
 */
@NullMarked
package dev.tortoise.query.sql;

import org.jspecify.annotations.NullMarked;

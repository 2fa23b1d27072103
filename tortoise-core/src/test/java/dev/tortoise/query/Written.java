package dev.tortoise.query;

import java.time.ZoneId;
import java.util.List;

import dev.tortoise.models.ModelMeta;
import dev.tortoise.query.sql.Compiled;
import dev.tortoise.query.sql.Condition;
import dev.tortoise.query.sql.Context;
import dev.tortoise.query.sql.Part;
import dev.tortoise.schema.Dialect;

/** A filter's condition written for an engine, and the values one call binds to it: for tests of the text. */
record Written(String text, Sql sql, boolean oneOff, Joins joins) {

	static Written where(String engine, ModelMeta<?> meta, Q... filters) {
		Dialect dialect = Dialect.forEngine(engine);
		Filters.Build build = new Filters.Build(new Joins(dialect, meta, "_t0"), 0);
		Condition condition = Filters.where(List.of(filters), build);
		Compiled compiled = Context.render(dialect, condition);
		return new Written(compiled.text(), bind(engine, compiled, filters), build.oneOff, build.joins);
	}

	/** The values of filters of the same shape bound to a written condition. */
	static Sql bind(String engine, Compiled compiled, Q... filters) {
		Object[] args = new Object[Filters.leafCount(List.of(filters))];
		Filters.args(List.of(filters), args, 0);
		return new Sql(compiled, new ValueCodec(Dialect.forEngine(engine), true, ZoneId.of("UTC")), args);
	}

	/** A part written on its own, as its statement would contain it. */
	static String text(String engine, Part part) {
		return Context.render(Dialect.forEngine(engine), part).text();
	}

}

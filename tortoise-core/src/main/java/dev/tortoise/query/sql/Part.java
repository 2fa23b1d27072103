package dev.tortoise.query.sql;

/** A node of a statement's tree: renders itself, and its children, into a context. */
@FunctionalInterface
public interface Part {

	void render(Context ctx);

	/** A fixed piece of SQL written as it is: a keyword or an expression with no name or value from outside. */
	static Part raw(String sql) {
		return (ctx) -> ctx.sql(sql);
	}

}

package dev.tortoise.models;

/**
 * The kind of an {@link Index}, as Tortoise's index classes: {@code Index} itself
 * ({@link #DEFAULT}, the database's B-tree), PostgreSQL's {@code BloomIndex}, {@code BrinIndex},
 * {@code GinIndex}, {@code GistIndex}, {@code HashIndex} and {@code SpGistIndex}, and MySQL's
 * {@code FullTextIndex}. A kind the connection's database lacks stops schema generation with
 * a message naming the model and the index.
 */
public enum IndexType {

	/** The database's ordinary index (a B-tree on every database we support). */
	DEFAULT(""),

	/** PostgreSQL's bloom index (needs {@code CREATE EXTENSION bloom}). */
	BLOOM("BLOOM"),

	/** PostgreSQL's block-range index, for columns that follow the rows' physical order. */
	BRIN("BRIN"),

	/** PostgreSQL's generalised inverted index, for JSONB, arrays and text search. */
	GIN("GIN"),

	/** PostgreSQL's generalised search tree, for text search, ranges and geometry. */
	GIST("GIST"),

	/** PostgreSQL's hash index, for equality only. */
	HASH("HASH"),

	/** PostgreSQL's space-partitioned GiST. */
	SPGIST("SPGIST"),

	/** MySQL's and MariaDB's full-text index ({@code MATCH ... AGAINST}). */
	FULLTEXT("FULLTEXT");

	private final String sql;

	IndexType(String sql) {
		this.sql = sql;
	}

	/** The keyword the database knows the kind by ({@code USING GIN}, {@code FULLTEXT}); empty for the default. */
	public String sql() {
		return this.sql;
	}

}

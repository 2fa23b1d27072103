package dev.tortoise.fields;

/**
 * A JSON field's own encoder and decoder, as Tortoise's {@code JSONField(encoder=, decoder=)}:
 * named by {@link JSONField#codec()}, made once at init with its no-argument constructor and
 * shared, so it must be thread-safe. {@code encode} writes the text stored in the column;
 * {@code decode} reads it back into the field's Java type. An exception from either is the
 * field's {@code ValidationException}, raised before any SQL when writing.
 *
 * <pre>{@code
 * public final class MoneyCodec implements JsonCodec<Money> {
 *     public String encode(Money m) { return "{\"amount\":\"" + m.amount() + "\",\"currency\":\"" + m.currency() + "\"}"; }
 *     public Money decode(String json) { ... }
 * }
 *
 * @JSONField(codec = MoneyCodec.class) Money price;
 * }</pre>
 *
 * @param <T> the field's Java type
 */
public interface JsonCodec<T> {

	/** The JSON text of a value (never called with null). */
	String encode(T value);

	/** The value of a column's JSON text (never called with null). */
	T decode(String json);

}

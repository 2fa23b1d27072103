package dev.tortoise.query.sql;

import dev.tortoise.fields.FieldType;
import org.jspecify.annotations.Nullable;

/**
 * A bound value: one placeholder in the text, and what a call binds to it, read from the
 * call's arguments ({@link Bindings#arg}). The text depends only on where values stand, so
 * a statement written once is bound again for every call of the same shape.
 */
public interface Value extends Part {

	/** Binds this value's one placeholder for a call. */
	void bind(Bindings bindings);

	/** The type of the column the value is compared with or written to, which some dialects' placeholders name. */
	default @Nullable FieldType columnType() {
		return null;
	}

	@Override
	default void render(Context ctx) {
		ctx.param(this);
	}

}

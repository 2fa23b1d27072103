package dev.tortoise.query.sql;

import dev.tortoise.models.FieldMeta;
import org.jspecify.annotations.Nullable;

/** The values of one call being bound to a written statement's placeholders, in order. */
public interface Bindings {

	/** The call's {@code index}-th argument, as the statement's builder numbered them. */
	@Nullable Object arg(int index);

	/** The call's argument as a list (a collection or an array), converted once per call. */
	java.util.List<@Nullable Object> list(int index);

	/** Binds the next placeholder; {@code type} is the class a NULL is bound as. */
	void bind(@Nullable Object value, Class<?> type);

	/**
	 * A value of a field as the driver binds it, converted and validated (a model instance
	 * given for a relation stands for its key).
	 */
	@Nullable Object encode(FieldMeta field, @Nullable Object value);

	/** The class a driver binds for the column of a field. */
	Class<?> dbClass(FieldMeta field);

}

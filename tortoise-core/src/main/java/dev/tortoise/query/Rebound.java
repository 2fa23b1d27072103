package dev.tortoise.query;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import dev.tortoise.fields.FieldType;
import dev.tortoise.models.FieldMeta;
import dev.tortoise.query.sql.Bindings;
import dev.tortoise.query.sql.Value;
import org.jspecify.annotations.Nullable;

/**
 * A value of a nested part (a subquery, an aggregate's filter) bound with arguments of its
 * own: its argument {@code i} is element {@code first + i} of the list {@code args} reads
 * from the outer call's arguments; binding itself goes to the outer call.
 */
record Rebound(Value value, Function<Bindings, List<?>> args, int first) implements Value {

	@Override
	public void bind(Bindings outer) {
		List<?> own = this.args.apply(outer);
		this.value.bind(new Bindings() {

			@Override
			public @Nullable Object arg(int index) {
				return own.get(Rebound.this.first + index);
			}

			@Override
			public List<@Nullable Object> list(int index) {
				return new ArrayList<>(Sql.asList(arg(index)));
			}

			@Override
			public void bind(@Nullable Object value, Class<?> type) {
				outer.bind(value, type);
			}

			@Override
			public @Nullable Object encode(FieldMeta field, @Nullable Object value) {
				return outer.encode(field, value);
			}

			@Override
			public Class<?> dbClass(FieldMeta field) {
				return outer.dbClass(field);
			}

		});
	}

	@Override
	public @Nullable FieldType columnType() {
		return this.value.columnType();
	}

}

package dev.tortoise.query;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.tortoise.exceptions.FieldException;
import dev.tortoise.exceptions.ValidationException;
import dev.tortoise.models.FieldKind;
import dev.tortoise.models.FieldMeta;
import dev.tortoise.models.ModelMeta;
import dev.tortoise.query.sql.Column;
import dev.tortoise.query.sql.Condition;
import dev.tortoise.query.sql.Context;
import dev.tortoise.query.sql.Delete;
import dev.tortoise.query.sql.Insert;
import dev.tortoise.query.sql.Params;
import dev.tortoise.query.sql.Part;
import dev.tortoise.query.sql.Select;
import dev.tortoise.query.sql.Table;
import dev.tortoise.query.sql.Value;
import dev.tortoise.schema.Dialect;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Adds, removes and lists the rows related to one instance through a many-to-many relation
 * (either side). {@link #add} is idempotent: pairs already present are not inserted again.
 *
 * @param <T> the related model
 */
public final class ManyToManyManager<T> {

	private final Engine engine;

	private final Object instance;

	private final FieldMeta field;

	ManyToManyManager(Engine engine, Object instance, FieldMeta field) {
		if (field.kind() != FieldKind.M2M && field.kind() != FieldKind.BACKWARD_M2M) {
			throw new FieldException(field.owner().name() + "." + field.name() + " is not a many-to-many relation.");
		}
		this.engine = engine;
		this.instance = instance;
		this.field = field;
	}

	private Object ownKey() {
		Object key = this.field.owner().pk().get(this.instance);
		if (key == null) {
			throw new ValidationException("Save the " + this.field.owner().name() + " before changing its "
					+ this.field.name() + ": it has no primary key yet.");
		}
		return key;
	}

	private List<Object> keysOf(Object[] targets) {
		ModelMeta<?> related = this.field.related();
		Set<Object> keys = new LinkedHashSet<>();
		for (Object t : targets) {
			Object key = related.modelClass().isInstance(t) ? related.pk().get(t) : t;
			if (key == null) {
				throw new ValidationException("Save the " + related.name() + " before relating it through "
						+ this.field.owner().name() + "." + this.field.name() + ": it has no primary key yet.");
			}
			keys.add(key);
		}
		return new ArrayList<>(keys);
	}

	private String connection() {
		return this.engine.route(this.field.owner(), null, true);
	}

	/** Work on the owner's key and the targets' keys; nothing runs when there are no targets. */
	private interface KeyedWork {

		Mono<Void> run(Object own, List<Object> keys, String connection);

	}

	private Mono<Void> withKeys(Object[] targets, KeyedWork work) {
		return Mono.defer(() -> {
			Object own = ownKey();
			List<Object> keys = keysOf(targets);
			return keys.isEmpty() ? Mono.empty() : work.run(own, keys, connection());
		});
	}

	/** {@code backward key = own key}, the own key read from argument {@code arg}. */
	private Condition owned(int arg) {
		return Condition.compare(Column.of(this.field.backwardKey()), "=", Params.field(this.field.owner().pk(), arg));
	}

	/** {@code forward key IN (keys)}, the keys read from argument {@code arg}. */
	private Condition related(Dialect d, int arg, int size) {
		return Params.in(d, Column.of(this.field.forwardKey()), this.field.related().pk(), arg, size);
	}

	private Sql bind(String connection, Part tree, Object... args) {
		return this.engine.bind(connection, Context.render(this.engine.dialect(connection), tree), args);
	}

	/** Relates the targets (instances or primary keys); pairs already related are left as they are. */
	public Mono<Void> add(Object... targets) {
		return withKeys(targets, (own, keys, connection) -> {
			FieldMeta relatedPk = this.field.related().pk();
			Dialect d = this.engine.dialect(connection);
			Table through = Table.of(this.field.throughSchema(), this.field.through());
			Select existing = Select.of(List.of(Column.of(this.field.forwardKey())), through,
					new Condition.And(List.of(related(d, 0, keys.size()), owned(1)), false));
			ValueCodec codec = this.engine.codec(connection);
			Class<?> keyClass = codec.readClass(relatedPk);
			return this.engine.run(connection, bind(connection, existing, keys, own),
					(row, md) -> codec.fromDb(relatedPk, row.get(0, keyClass)))
				.collectList()
				.flatMap((present) -> {
					List<Object> missing = new ArrayList<>(keys);
					missing.removeAll(present);
					if (missing.isEmpty()) {
						return Mono.empty();
					}
					List<List<Value>> rows = new ArrayList<>();
					for (int i = 0; i < missing.size(); i++) {
						rows.add(List.of(Params.field(this.field.owner().pk(), 0), Params.element(relatedPk, 1, i)));
					}
					Insert insert = new Insert(through, List.of(this.field.backwardKey(), this.field.forwardKey()), rows);
					return this.engine.runUpdate(connection, bind(connection, insert, own, missing)).then();
				});
		});
	}

	/** Unrelates the targets (instances or primary keys). */
	public Mono<Void> remove(Object... targets) {
		return withKeys(targets, (own, keys, connection) -> {
			Delete delete = new Delete(Table.of(this.field.throughSchema(), this.field.through()), new Condition.And(List.of(owned(0),
					related(this.engine.dialect(connection), 1, keys.size())), false));
			return this.engine.runUpdate(connection, bind(connection, delete, own, keys)).then();
		});
	}

	/** Unrelates everything. */
	public Mono<Void> clear() {
		return Mono.defer(() -> {
			Object own = ownKey();
			String connection = connection();
			Delete delete = new Delete(Table.of(this.field.throughSchema(), this.field.through()), owned(0));
			return this.engine.runUpdate(connection, bind(connection, delete, own)).then();
		});
	}

	/** The related rows, as a query that can be refined. */
	@SuppressWarnings("unchecked")
	public QuerySet<T> query() {
		return (QuerySet<T>) Relations.related(this.engine, this.instance, this.field.name());
	}

	/** The related rows. */
	public Flux<T> all() {
		return query().all();
	}

}

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

	private final QueryEngine engine;

	private final Object instance;

	private final FieldMeta field;

	ManyToManyManager(QueryEngine engine, Object instance, FieldMeta field) {
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

	/** Relates the targets (instances or primary keys); pairs already related are left as they are. */
	public Mono<Void> add(Object... targets) {
		return withKeys(targets, (own, keys, connection) -> {
			FieldMeta ownPk = this.field.owner().pk();
			FieldMeta relatedPk = this.field.related().pk();
			Sql existing = this.engine.sql(connection);
			Dialect d = existing.dialect();
			List<String> ps = new ArrayList<>();
			keys.forEach((k) -> ps.add(existing.placeholder(relatedPk, k)));
			String ownPlaceholder = existing.placeholder(ownPk, own);
			existing.append("SELECT " + d.quote(this.field.forwardKey()) + " FROM " + d.quote(this.field.through())
					+ " WHERE " + d.quote(this.field.forwardKey()) + " IN (" + String.join(", ", ps) + ") AND "
					+ d.quote(this.field.backwardKey()) + " = " + ownPlaceholder);
			ValueCodec codec = this.engine.codec(connection);
			Class<?> keyClass = codec.dbClass(relatedPk);
			return this.engine.run(connection, existing, (row, md) -> codec.fromDb(relatedPk, row.get(0, keyClass)))
				.collectList()
				.flatMap((present) -> {
					List<Object> missing = new ArrayList<>(keys);
					missing.removeAll(present);
					if (missing.isEmpty()) {
						return Mono.empty();
					}
					Sql insert = this.engine.sql(connection);
					List<String> rows = new ArrayList<>();
					for (Object k : missing) {
						rows.add("(" + insert.placeholder(ownPk, own) + ", " + insert.placeholder(relatedPk, k) + ")");
					}
					insert.append("INSERT INTO " + d.quote(this.field.through()) + " (" + d.quote(this.field.backwardKey())
							+ ", " + d.quote(this.field.forwardKey()) + ") VALUES " + String.join(", ", rows));
					return this.engine.runUpdate(connection, insert).then();
				});
		});
	}

	/** Unrelates the targets (instances or primary keys). */
	public Mono<Void> remove(Object... targets) {
		return withKeys(targets, (own, keys, connection) -> {
			Sql sql = this.engine.sql(connection);
			Dialect d = sql.dialect();
			String ownPlaceholder = sql.placeholder(this.field.owner().pk(), own);
			List<String> ps = new ArrayList<>();
			keys.forEach((k) -> ps.add(sql.placeholder(this.field.related().pk(), k)));
			sql.append("DELETE FROM " + d.quote(this.field.through()) + " WHERE " + d.quote(this.field.backwardKey())
					+ " = " + ownPlaceholder + " AND " + d.quote(this.field.forwardKey()) + " IN (" + String.join(", ", ps)
					+ ")");
			return this.engine.runUpdate(connection, sql).then();
		});
	}

	/** Unrelates everything. */
	public Mono<Void> clear() {
		return Mono.defer(() -> {
			Object own = ownKey();
			String connection = connection();
			Sql sql = this.engine.sql(connection);
			Dialect d = sql.dialect();
			sql.append("DELETE FROM " + d.quote(this.field.through()) + " WHERE " + d.quote(this.field.backwardKey())
					+ " = " + sql.placeholder(this.field.owner().pk(), own));
			return this.engine.runUpdate(connection, sql).then();
		});
	}

	/** The related rows, as a query that can be refined. */
	@SuppressWarnings("unchecked")
	public QuerySet<T> query() {
		return (QuerySet<T>) this.engine.related(this.instance, this.field.name());
	}

	/** The related rows. */
	public Flux<T> all() {
		return query().all();
	}

}

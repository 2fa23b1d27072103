package dev.tortoise.query;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.tortoise.exceptions.FieldException;
import dev.tortoise.fields.ManyToManyRelation;
import dev.tortoise.fields.ReverseRelation;
import dev.tortoise.models.FieldKind;
import dev.tortoise.models.FieldMeta;
import dev.tortoise.models.ModelMeta;
import dev.tortoise.query.sql.Column;
import dev.tortoise.query.sql.Compiled;
import dev.tortoise.query.sql.Condition;
import dev.tortoise.query.sql.Context;
import dev.tortoise.query.sql.From;
import dev.tortoise.query.sql.Params;
import dev.tortoise.query.sql.Part;
import dev.tortoise.query.sql.Select;
import dev.tortoise.query.sql.Table;
import dev.tortoise.schema.Dialect;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Loads relations of already loaded instances with one query per relation and level
 * (keys bound in chunks of {@value #CHUNK} for very large result sets), never one per row.
 */
final class Prefetcher {

	static final int CHUNK = 5000;

	private final Engine engine;

	private final String connection;

	Prefetcher(Engine engine, String connection) {
		this.engine = engine;
		this.connection = connection;
	}

	/** Prefetches {@code relation[__nested...]} paths into the instances. */
	Mono<Void> prefetch(ModelMeta<?> meta, List<?> instances, List<String> paths) {
		if (instances.isEmpty() || paths.isEmpty()) {
			return Mono.empty();
		}
		Map<String, List<String>> tree = new LinkedHashMap<>();
		for (String path : paths) {
			int cut = path.indexOf("__");
			String head = (cut < 0) ? path : path.substring(0, cut);
			List<String> rest = tree.computeIfAbsent(head, (k) -> new ArrayList<>());
			if (cut >= 0) {
				rest.add(path.substring(cut + 2));
			}
		}
		List<Map.Entry<FieldMeta, List<String>>> levels = new ArrayList<>();
		tree.forEach((name, nested) -> levels.add(Map.entry(relation(meta, name), nested)));
		// The relations of one level are sent together: on one connection the driver pipelines
		// them (one round trip instead of one each); each fills a different field.
		return Flux.fromIterable(levels).flatMap((level) -> load(level.getKey(), instances)
			.flatMap((related) -> prefetch(level.getKey().related(), related, level.getValue()))).then();
	}

	private static FieldMeta relation(ModelMeta<?> meta, String name) {
		FieldMeta field = meta.findField(name);
		if (field == null) {
			throw Joins.unknown(meta, name, null);
		}
		if (!field.kind().isRelation()) {
			throw new FieldException("Cannot prefetch \"" + name + "\": " + meta.name() + "." + name
					+ " is not a relation.");
		}
		if (!field.hasAccessor()) {
			throw new FieldException("Cannot prefetch \"" + name + "\" of " + meta.name() + ": the class declares no"
					+ " field to hold it. Declare " + ((field.kind() == FieldKind.BACKWARD_FK) ? "ReverseRelation<"
							: (field.kind() == FieldKind.BACKWARD_O2O) ? "a field of type " : "ManyToManyRelation<")
					+ field.related().name() + ((field.kind() == FieldKind.BACKWARD_O2O) ? "" : ">") + " " + name + ".");
		}
		return field;
	}

	/** Loads one relation into every instance; returns the related instances, each once. */
	private Mono<List<Object>> load(FieldMeta field, List<?> instances) {
		switch (field.kind()) {
			case FK:
			case O2O:
				return loadForward(field, instances);
			case BACKWARD_FK:
			case BACKWARD_O2O:
				return loadBackward(field, instances);
			default:
				return loadManyToMany(field, instances);
		}
	}

	private Mono<List<Object>> loadForward(FieldMeta field, List<?> instances) {
		FieldMeta to = field.toField();
		// Each instance's key is read once, here, and kept by position for the second pass.
		Object[] keyOf = new Object[instances.size()];
		Set<Object> keys = new LinkedHashSet<>();
		for (int i = 0; i < keyOf.length; i++) {
			Object stub = field.get(instances.get(i));
			if (stub != null) {
				keyOf[i] = to.get(stub);
				keys.add(keyOf[i]);
			}
		}
		return fetchIn(field.related(), to.name(), keys).collectList().map((related) -> {
			Map<Object, Object> byKey = new HashMap<>();
			related.forEach((r) -> byKey.put(to.get(r), r));
			for (int i = 0; i < keyOf.length; i++) {
				if (keyOf[i] != null) {
					field.set(instances.get(i), byKey.get(keyOf[i]));
				}
			}
			return related;
		});
	}

	private Mono<List<Object>> loadBackward(FieldMeta field, List<?> instances) {
		FieldMeta forward = field.opposite();
		FieldMeta key = forward.toField();
		Set<Object> keys = new LinkedHashSet<>();
		instances.forEach((i) -> keys.add(key.get(i)));
		keys.remove(null);
		return fetchIn(field.related(), forward.name(), keys).collectList().map((related) -> {
			Map<Object, List<Object>> grouped = new LinkedHashMap<>();
			for (Object r : related) {
				Object stub = forward.get(r);
				grouped.computeIfAbsent(key.get(stub), (k) -> new ArrayList<>()).add(r);
			}
			String owner = field.owner().name();
			for (Object instance : instances) {
				List<Object> mine = grouped.getOrDefault(key.get(instance), List.of());
				if (field.kind() == FieldKind.BACKWARD_O2O) {
					field.set(instance, mine.isEmpty() ? null : mine.get(0));
				}
				else {
					field.set(instance, ReverseRelation.fetched(owner, field.name(), mine));
				}
			}
			return related;
		});
	}

	private Mono<List<Object>> loadManyToMany(FieldMeta field, List<?> instances) {
		ModelMeta<?> related = field.related();
		FieldMeta ownPk = field.owner().pk();
		Object[] keyOf = new Object[instances.size()];
		Set<Object> keys = new LinkedHashSet<>();
		for (int i = 0; i < keyOf.length; i++) {
			keyOf[i] = ownPk.get(instances.get(i));
			keys.add(keyOf[i]);
		}
		keys.remove(null);
		RowMapper<?> mapper = this.engine.mapper(related, this.connection);
		ValueCodec codec = this.engine.codec(this.connection);
		Class<?> keyClass = codec.readClass(ownPk);
		int keyColumn = mapper.width();
		// Rows arrive one statement at a time (chunks in sequence), so plain maps do; a related
		// row met again is the same instance, read from its key alone.
		Map<Object, Object> unique = new LinkedHashMap<>();
		Map<Object, List<Object>> grouped = new HashMap<>();
		return Flux.fromIterable(chunks(keys)).concatMap((chunk) -> {
			Sql sql = throughSelect(field, mapper, chunk);
			return this.engine.forEachRow(this.connection, sql, (row) -> {
				Object target = mapper.mapOnce(row, 0, unique);
				Object owner = codec.fromDb(ownPk, row.get(keyColumn, keyClass));
				grouped.computeIfAbsent(owner, (k) -> new ArrayList<>()).add(target);
			});
		}).then(Mono.fromSupplier(() -> {
			String owner = field.owner().name();
			for (int i = 0; i < keyOf.length; i++) {
				field.set(instances.get(i), ManyToManyRelation.fetched(owner, field.name(),
						grouped.getOrDefault(keyOf[i], List.of())));
			}
			return new ArrayList<>(unique.values());
		}));
	}

	/** What the text of a relation's through-table read depends on: the length of the list where it binds one value at a time. */
	private record ThroughSelect(FieldMeta field, String connection, int keys) {
	}

	/**
	 * The related rows of a many-to-many relation with the owner's key, for the owners'
	 * keys: written once per relation and connection (and list length, where the keys do
	 * not bind as one array).
	 */
	private Sql throughSelect(FieldMeta field, RowMapper<?> mapper, List<Object> keys) {
		FieldMeta ownPk = field.owner().pk();
		Dialect d = this.engine.dialect(this.connection);
		int length = Params.bindsArray(d, ownPk) ? 0 : keys.size();
		Compiled statement = this.engine.statements().get(new ThroughSelect(field, this.connection, length),
				(k) -> Context.render(d, throughTree(field, mapper, keys.size(), d)));
		return this.engine.bind(this.connection, statement, keys);
	}

	private static Select throughTree(FieldMeta field, RowMapper<?> mapper, int keys, Dialect d) {
		ModelMeta<?> related = field.related();
		List<Part> columns = new ArrayList<>(mapper.columns("_r"));
		columns.add(new Column("_th", field.backwardKey()));
		From from = new From(new Table(related.schema(), related.table(), "_r"), List.of(new From.Join(new Table(field.throughSchema(), field.through(), "_th"),
				Condition.compare(new Column("_th", field.forwardKey()), "=", new Column("_r", related.pk().column())),
				false)));
		return Select.of(columns, from, Params.in(d, new Column("_th", field.backwardKey()), field.owner().pk(), 0, keys));
	}

	private Flux<Object> fetchIn(ModelMeta<?> related, String key, Set<Object> values) {
		if (values.isEmpty()) {
			return Flux.empty();
		}
		return Flux.fromIterable(chunks(values))
			.concatMap((chunk) -> this.engine.objects(related).using(this.engine.route(related, null, false))
				.filter(key + "__in", chunk).all());
	}

	private static List<List<Object>> chunks(Set<Object> values) {
		List<List<Object>> out = new ArrayList<>();
		List<Object> current = new ArrayList<>();
		for (Object v : values) {
			current.add(v);
			if (current.size() == CHUNK) {
				out.add(current);
				current = new ArrayList<>();
			}
		}
		if (!current.isEmpty()) {
			out.add(current);
		}
		return out;
	}

}

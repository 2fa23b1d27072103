package dev.tortoise.query;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tortoise.exceptions.FieldException;
import dev.tortoise.exceptions.TransactionManagementException;
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
import io.r2dbc.spi.Row;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The reads of a query set: SELECT of its rows, COUNT, EXISTS and values. Each is written
 * once per shape (the model, connection, filters' shape, ordering, whether it pages, the
 * relations selected), cached in the context's {@link Statements}, and bound per call with
 * the filters' values, the limit and the offset. Longer than our ~300 lines because every
 * kind of read (rows, count, exists, values, aggregate, sql, explain) goes through the one
 * {@code prepare} that keys, writes and binds them, so that their shapes stay in step;
 * annotations' columns and conditions are {@link Annotations}'.
 */
final class Reads {

	private final Engine engine;

	Reads(Engine engine) {
		this.engine = engine;
	}

	/** Kinds of reads. */
	private enum Kind {
		SELECT, COUNT, EXISTS, VALUES, AGGREGATE
	}

	/**
	 * Everything the text of a read depends on, so that queries differing only in their
	 * values share one statement.
	 */
	private record Key(Kind kind, ModelMeta<?> meta, String connection, Object filters, List<String> orderBy,
			long limit, boolean offset, List<String> related, boolean distinct, Select.@Nullable Lock lock,
			Object annotations, List<String> groupBy, List<String> only) {

		static @Nullable Key of(Kind kind, QuerySet<?> qs, String connection, List<String> related) {
			Object filters = qs.filters.isEmpty() ? List.of() : Filters.shape(qs.filters);
			return (filters != null) ? new Key(kind, qs.meta, connection, filters, qs.orderBy, limitShape(qs.limit),
					qs.offset != null, related, qs.distinct, qs.lock, annotationShape(qs), qs.groupBy, qs.only) : null;
		}

		private static Object annotationShape(QuerySet<?> qs) {
			if (qs.annotations.isEmpty()) {
				return List.of();
			}
			List<Object> out = new ArrayList<>();
			qs.annotations.forEach((name, e) -> {
				out.add(name);
				out.add(Expressions.shape(e));
			});
			return out;
		}

	}

	/** The largest limit written into the text: get() and first() ask for 2 and 1. */
	private static final long WRITTEN_LIMIT = 2;

	/**
	 * How a limit shapes the text: -1 none, 0 a bound value (a paged listing shares one
	 * statement), or the limit itself when it is one of the few small ones written as a
	 * number, which spares the database a bound value on every get() and first().
	 */
	private static long limitShape(@Nullable Long limit) {
		if (limit == null) {
			return -1;
		}
		return (limit >= 1 && limit <= WRITTEN_LIMIT) ? limit : 0;
	}

	/** A read written once: its statement, and how its rows map (a SELECT's, or the values'). */
	private record Plan(Compiled statement, boolean oneOff, @Nullable Object mapping) {
	}

	/**
	 * How the rows of a SELECT map: the model's mapper, then one per relation selected with a
	 * join, the annotations' names, and for a partial read ({@code only}) the fields by column
	 * name, else null.
	 */
	private record SelectMapping(RowMapper<?> root, List<String> paths, List<RowMapper<?>> related,
			List<String> annotations, @Nullable Map<String, FieldMeta> partial) {
	}

	/** How the rows of values() map: the keys and the fields their columns are read as. */
	private record ValuesMapping(List<String> keys, List<@Nullable FieldMeta> fields, Class<?>[] classes) {
	}

	/** A read being written: the root's joins, the WHERE, and the paging values. */
	private record Parts(Joins joins, @Nullable Condition where, @Nullable Part limit, @Nullable Part offset,
			int leaves, @Nullable Condition having) {

		/** The index of the call's argument that holds the first annotation's expression. */
		int firstAnnotation() {
			return this.leaves + 2;
		}

	}

	/** What a kind of read writes around its WHERE: the statement and how its rows map. */
	private interface Writer {

		Plan write(QuerySet<?> qs, String connection, Parts parts, Filters.Build build);

	}

	/** The statement of a read with this query's values bound, written for its shape if it was not before. */
	private Prepared prepare(Kind kind, QuerySet<?> qs, String connection, List<String> related, Writer writer) {
		int leaves = Filters.leafCount(qs.filters);
		// Most queries have no annotation: they bind their filters as they are, with nothing to split.
		Annotations.Split split = qs.annotations.isEmpty() ? null : Annotations.split(qs);
		Plan plan = this.engine.statements().get(Key.of(kind, qs, connection, related), (key) -> {
			Filters.Build build = new Filters.Build(this.engine.joins(connection, qs.meta, "_t0"), 0);
			Condition where = Filters.where((split != null) ? split.plain() : qs.filters, build);
			Condition having = null;
			if (split != null && !split.annotated().isEmpty()) {
				Condition[] conditions = Annotations.conditions(qs, split, build.joins, leaves + 2);
				where = (conditions[0] == null) ? where
						: (where == null) ? conditions[0] : Condition.all(List.of(where, conditions[0]));
				having = conditions[1];
			}
			long limit = limitShape(qs.limit);
			Part limitPart = (limit < 0) ? null : (limit == 0) ? Params.raw(leaves, Long.class) : Part.raw(Long.toString(limit));
			Parts parts = new Parts(build.joins, where, limitPart,
					(qs.offset != null) ? Params.raw(leaves + 1, Long.class) : null, leaves, having);
			return writer.write(qs, connection, parts, build);
		}, (p) -> !p.oneOff());
		Object[] args = new Object[leaves + 2 + qs.annotations.size()];
		args[leaves] = qs.limit;
		args[leaves + 1] = qs.offset;
		if (split == null) {
			Filters.args(qs.filters, args, 0);
		}
		else {
			Annotations.args(split, args);
			int i = leaves + 2;
			for (Expression e : qs.annotations.values()) {
				args[i++] = e;
			}
		}
		return new Prepared(this.engine.bind(connection, plan.statement(), args), plan);
	}

	private record Prepared(Sql sql, Plan plan) {
	}

	private Plan plan(Part tree, Filters.Build build, String connection, @Nullable Object mapping) {
		return new Plan(Context.render(this.engine.dialect(connection), tree), build.oneOff, mapping);
	}

	/** The query's lock with the tables of {@code of} as the statement's aliases: the model's table or a selected relation. */
	private static Select.@Nullable Lock lockOf(QuerySet<?> qs, Joins joins) {
		if (qs.lock == null || qs.lock.of().isEmpty()) {
			return qs.lock;
		}
		List<String> aliases = new ArrayList<>();
		for (String name : qs.lock.of()) {
			if (name.equals(qs.meta.table())) {
				aliases.add("_t0");
			}
			else if (qs.selectRelated.contains(name)) {
				aliases.add(joins.joinPath(name).alias());
			}
			else {
				throw new FieldException("selectForUpdate(of = \"" + name + "\") names neither the table of "
						+ qs.meta.name() + " (\"" + qs.meta.table() + "\") nor a relation given to selectRelated.");
			}
		}
		return new Select.Lock(qs.lock.nowait(), qs.lock.skipLocked(), aliases);
	}

	static List<Select.Order> orderBy(QuerySet<?> qs, Joins joins) {
		return orderBy(qs, joins, -1);
	}

	/** The ORDER BY of a query; a name of an annotation orders by its expression, whose numbers {@code firstAnnotation} locates. */
	static List<Select.Order> orderBy(QuerySet<?> qs, Joins joins, int firstAnnotation) {
		List<Select.Order> parts = new ArrayList<>(qs.orderBy.size());
		for (String key : qs.orderBy) {
			boolean desc = key.startsWith("-");
			String name = desc ? key.substring(1) : key;
			if (firstAnnotation >= 0 && qs.annotations.containsKey(name)) {
				parts.add(new Select.Order(Annotations.column(qs, name, joins, firstAnnotation), desc));
				continue;
			}
			Joins.Target t = joins.resolve(name, false);
			if (!"exact".equals(t.lookup()) || name.endsWith("__exact")) {
				throw new FieldException("orderBy(\"" + key + "\") names a lookup; give a field.");
			}
			parts.add(new Select.Order(t.column(), desc, Params.dataField(t.field()).type()));
		}
		return parts;
	}

	<T> Flux<T> select(QuerySet<T> qs) {
		if (qs.lock != null) {
			// Locks last as long as a transaction: outside one they would be released at once.
			String connection = this.engine.route(qs.meta, qs.using, false);
			return this.engine.executor().inTransaction(connection, this.engine.pinned())
				.flatMapMany((in) -> in ? selectRows(qs) : Flux.error(new TransactionManagementException(
						"selectForUpdate() on " + qs.meta.name() + " needs a transaction on connection \"" + connection
								+ "\": run it inside inTransaction(...) or a @Transactional method.")));
		}
		return selectRows(qs);
	}

	/** The text of a query's SELECT, written for its shape as {@link #select} writes it. */
	String selectText(QuerySet<?> qs) {
		String connection = this.engine.route(qs.meta, qs.using, false);
		return prepare(Kind.SELECT, qs, connection, qs.selectRelated, this::writeSelect).sql().text();
	}

	/** The database's plan of a query's SELECT, its rows' columns joined by spaces, one row a line. */
	Mono<String> explain(QuerySet<?> qs) {
		return Mono.defer(() -> {
			String connection = this.engine.route(qs.meta, qs.using, false);
			Sql sql = prepare(Kind.SELECT, qs, connection, qs.selectRelated, this::writeSelect).sql();
			Sql explain = sql.withText(this.engine.dialect(connection).explain(sql.text()));
			return this.engine.run(connection, explain, (row, md) -> {
				StringBuilder line = new StringBuilder();
				for (int i = 0; i < md.getColumnMetadatas().size(); i++) {
					Object v = row.get(i);
					line.append((i > 0) ? " " : "").append(v);
				}
				return line.toString();
			}).collectList().map((lines) -> String.join("\n", lines));
		});
	}

	private <T> Flux<T> selectRows(QuerySet<T> qs) {
		return Flux.defer(() -> {
			String connection = this.engine.route(qs.meta, qs.using, false);
			Prepared read = prepare(Kind.SELECT, qs, connection, qs.selectRelated, this::writeSelect);
			SelectMapping mapping = (SelectMapping) read.plan().mapping();
			@SuppressWarnings("unchecked")
			RowMapper<T> root = (RowMapper<T>) mapping.root();
			List<String> paths = mapping.paths();
			List<RowMapper<?>> related = mapping.related();
			List<String> annotations = mapping.annotations();
			Map<String, FieldMeta> byColumn = mapping.partial();
			if (byColumn != null) {
				ValueCodec codec = this.engine.codec(connection);
				return this.engine.run(connection, read.sql(), (row, md) -> Annotations.partial(
						RawSql.instance(qs.meta, root, codec, byColumn, row, md)));
			}
			Flux<T> rows = this.engine.run(connection, read.sql(), (row, md) -> {
				T instance = mapRow(qs.meta, root, paths, related, row);
				if (!annotations.isEmpty()) {
					int offset = md.getColumnMetadatas().size() - annotations.size();
					Object[] values = new Object[annotations.size()];
					for (int i = 0; i < values.length; i++) {
						values[i] = row.get(offset + i);
					}
					Annotations.fill(instance, annotations, values);
				}
				return instance;
			});
			if (qs.prefetchRelated.isEmpty()) {
				return rows;
			}
			// The rows leave the connection's operators as one list and are spread after it:
			// one signal through them instead of one per row.
			return this.engine.onOneConnection(connection, rows.collectList()
				.flatMap((list) -> new Prefetcher(this.engine, connection).prefetch(qs.meta, list, qs.prefetchRelated)
					.thenReturn(list))
				.flux())
				.flatMapIterable((list) -> list);
		});
	}

	private Plan writeSelect(QuerySet<?> qs, String connection, Parts parts, Filters.Build build) {
		RowMapper<?> root = this.engine.mapper(qs.meta, connection);
		List<Part> columns = new ArrayList<>(root.columns("_t0"));
		if (!qs.only.isEmpty()) {
			// A partial read: the key and the fields named, read back by their columns' names.
			columns.clear();
			for (FieldMeta f : qs.meta.columns()) {
				if (f.pk() || qs.only.contains(f.name())) {
					columns.add(new Column("_t0", f.column()));
				}
			}
		}
		List<String> paths = new ArrayList<>();
		List<RowMapper<?>> related = new ArrayList<>();
		for (String path : qs.selectRelated) {
			Joins.Node node = parts.joins().joinPath(path);
			RowMapper<?> m = this.engine.mapper(node.meta(), connection);
			columns.addAll(m.columns(node.alias()));
			paths.add(path);
			related.add(m);
		}
		List<Part> grouping = List.copyOf(columns);
		for (String name : qs.annotations.keySet()) {
			columns.add(Annotations.column(qs, name, parts.joins(), parts.firstAnnotation()));
		}
		List<Select.Order> order = orderBy(qs, parts.joins(), parts.firstAnnotation());
		Select select = new Select(columns, parts.joins().from(), parts.where(), order, parts.limit(), parts.offset(),
				qs.distinct, lockOf(qs, parts.joins()));
		if (Annotations.grouping(qs) || parts.having() != null) {
			// Every column of the rows read, so that each database accepts the grouping (H2 insists).
			select = select.grouped(grouping, parts.having());
		}
		return plan(select, build, connection,
				new SelectMapping(root, List.copyOf(paths), List.copyOf(related), List.copyOf(qs.annotations.keySet()),
						qs.only.isEmpty() ? null : RawSql.byColumn(qs.meta)));
	}

	private static <T> T mapRow(ModelMeta<T> meta, RowMapper<T> root, List<String> paths, List<RowMapper<?>> related,
			Row row) {
		T instance = root.map(row, 0);
		if (paths.isEmpty()) {
			return instance;
		}
		Map<String, Object> byPath = new HashMap<>();
		int offset = root.width();
		for (int i = 0; i < paths.size(); i++) {
			RowMapper<?> m = related.get(i);
			Object value = m.map(row, offset);
			offset += m.width();
			String path = paths.get(i);
			int cut = path.lastIndexOf("__");
			Object parent = (cut < 0) ? instance : byPath.get(path.substring(0, cut));
			ModelMeta<?> parentMeta = (cut < 0) ? meta : related.get(paths.indexOf(path.substring(0, cut))).meta();
			if (parent != null) {
				FieldMeta field = parentMeta.field((cut < 0) ? path : path.substring(cut + 2));
				if (field.hasAccessor()) {
					field.set(parent, value);
				}
			}
			byPath.put(path, value);
		}
		return instance;
	}

	Mono<Long> count(QuerySet<?> qs) {
		return Mono.defer(() -> {
			String connection = this.engine.route(qs.meta, qs.using, false);
			// single(), not next(): the one row is followed by the statement's end, and waiting for
			// it spares a cancellation (see ReadToEnd).
			return this.engine.run(connection, prepare(Kind.COUNT, qs, connection, List.of(), this::writeCount).sql(),
					(row, md) -> ((Number) row.get(0)).longValue()).single();
		});
	}

	private static final List<Part> COUNT_ALL = List.of(Part.raw("COUNT(*)"));

	private Plan writeCount(QuerySet<?> qs, String connection, Parts parts, Filters.Build build) {
		Select count;
		if (parts.limit() != null || parts.offset() != null || parts.having() != null) {
			Column pk = new Column("_t0", qs.meta.pk().column());
			Select page = new Select(List.of(pk), parts.joins().from(), parts.where(), List.of(), parts.limit(),
					parts.offset());
			if (parts.having() != null) {
				// A filter on an aggregate counts the groups, one per row of the model.
				page = page.grouped(List.of(pk), parts.having());
			}
			count = Select.of(COUNT_ALL, From.of(new From.Derived(page, "_c")), null);
		}
		else {
			count = Select.of(COUNT_ALL, parts.joins().from(), parts.where());
		}
		return plan(count, build, connection, null);
	}

	Mono<Boolean> exists(QuerySet<?> qs) {
		return Mono.defer(() -> {
			String connection = this.engine.route(qs.meta, qs.using, false);
			return this.engine.run(connection, prepare(Kind.EXISTS, qs, connection, List.of(), this::writeExists).sql(),
					(row, md) -> Boolean.TRUE).singleOrEmpty().hasElement();
		});
	}

	private Plan writeExists(QuerySet<?> qs, String connection, Parts parts, Filters.Build build) {
		Select exists = new Select(List.of(Part.raw("1")), parts.joins().from(), parts.where(), List.of(),
				Part.raw("1"), parts.offset());
		if (parts.having() != null) {
			exists = exists.grouped(List.of(new Column("_t0", qs.meta.pk().column())), parts.having());
		}
		return plan(exists, build, connection, null);
	}

	/** One row of aggregates over the matching rows: {@code SELECT SUM(...), COUNT(...) FROM ... WHERE ...}. */
	Mono<Map<String, Object>> aggregate(QuerySet<?> qs, Map<String, Expression> aggregates) {
		return Mono.defer(() -> {
			if (aggregates.isEmpty()) {
				throw new dev.tortoise.exceptions.ParamsException("aggregate() needs at least one aggregate.");
			}
			String connection = this.engine.route(qs.meta, qs.using, false);
			QuerySet<?> plain = qs;
			for (Map.Entry<String, Expression> e : aggregates.entrySet()) {
				if (!Expressions.aggregates(e.getValue())) {
					throw new dev.tortoise.exceptions.ParamsException("aggregate(\"" + e.getKey() + "\") is " + e.getValue()
							+ ", which aggregates no rows; use Functions.count, sum, avg, min or max.");
				}
				plain = plain.annotate(e.getKey(), e.getValue());
			}
			QuerySet<?> annotated = plain;
			List<String> names = List.copyOf(aggregates.keySet());
			Prepared read = prepare(Kind.AGGREGATE, annotated, connection, names, (q, c, parts, build) -> {
				List<Part> columns = new ArrayList<>();
				for (String name : names) {
					columns.add(Annotations.column(q, name, parts.joins(), parts.firstAnnotation()));
				}
				return plan(Select.of(columns, parts.joins().from(), parts.where()), build, c, null);
			});
			return this.engine.run(connection, read.sql(), (row, md) -> {
				Map<String, Object> out = new LinkedHashMap<>();
				for (int i = 0; i < names.size(); i++) {
					out.put(names.get(i), row.get(i));
				}
				return out;
			}).single();
		});
	}

	Flux<Map<String, Object>> values(QuerySet<?> qs, List<String> fields) {
		return Flux.defer(() -> {
			String connection = this.engine.route(qs.meta, qs.using, false);
			Prepared read = prepare(Kind.VALUES, qs, connection, fields, (q, c, parts, build) -> writeValues(q, c, parts,
					build, fields));
			ValuesMapping mapping = (ValuesMapping) read.plan().mapping();
			ValueCodec codec = this.engine.codec(connection);
			List<String> keys = mapping.keys();
			List<@Nullable FieldMeta> targets = mapping.fields();
			Class<?>[] classes = mapping.classes();
			return this.engine.run(connection, read.sql(), (row, md) -> {
				Map<String, Object> out = new LinkedHashMap<>();
				for (int i = 0; i < keys.size(); i++) {
					FieldMeta target = targets.get(i);
					out.put(keys.get(i), (target != null) ? codec.fromDb(target, row.get(i, classes[i])) : row.get(i));
				}
				return out;
			});
		});
	}

	private Plan writeValues(QuerySet<?> qs, String connection, Parts parts, Filters.Build build, List<String> fields) {
		List<String> keys = new ArrayList<>();
		List<Part> columns = new ArrayList<>();
		List<@Nullable FieldMeta> targetFields = new ArrayList<>();
		List<Part> plainColumns = new ArrayList<>();
		List<String> wanted = fields;
		if (fields.isEmpty()) {
			for (FieldMeta f : qs.meta.columns()) {
				keys.add((f.kind() == FieldKind.DATA) ? f.name() : f.name() + "_id");
				Column c = new Column("_t0", f.column());
				columns.add(c);
				plainColumns.add(c);
				targetFields.add(f);
			}
			wanted = new ArrayList<>(qs.annotations.keySet());
		}
		for (String key : wanted) {
			if (qs.annotations.containsKey(key)) {
				keys.add(key);
				columns.add(Annotations.column(qs, key, parts.joins(), parts.firstAnnotation()));
				targetFields.add(null);
				continue;
			}
			Joins.Target t = parts.joins().resolve(key, false);
			if (!"exact".equals(t.lookup())) {
				throw new FieldException("values(\"" + key + "\") names a lookup; give a field.");
			}
			keys.add(key);
			columns.add(t.column());
			plainColumns.add(t.column());
			targetFields.add(t.field());
		}
		ValueCodec codec = this.engine.codec(connection);
		Class<?>[] classes = targetFields.stream().map((f) -> (f != null) ? codec.readClass(f) : Object.class)
			.toArray(Class<?>[]::new);
		List<Select.Order> order = orderBy(qs, parts.joins(), parts.firstAnnotation());
		Select select = new Select(columns, parts.joins().from(), parts.where(), order, parts.limit(), parts.offset(),
				qs.distinct, lockOf(qs, parts.joins()));
		if (!qs.groupBy.isEmpty()) {
			List<Part> groups = new ArrayList<>();
			for (String key : qs.groupBy) {
				Joins.Target t = parts.joins().resolve(key, false);
				groups.add(t.column());
			}
			select = select.grouped(groups, parts.having());
		}
		else if (Annotations.grouping(qs) || parts.having() != null) {
			select = select.grouped(plainColumns, parts.having());
		}
		return plan(select, build, connection,
				new ValuesMapping(List.copyOf(keys), java.util.Collections.unmodifiableList(targetFields), classes));
	}


}

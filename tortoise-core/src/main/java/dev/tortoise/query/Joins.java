package dev.tortoise.query;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.tortoise.exceptions.FieldException;
import dev.tortoise.models.FieldKind;
import dev.tortoise.models.FieldMeta;
import dev.tortoise.models.ModelMeta;
import dev.tortoise.query.sql.Column;
import dev.tortoise.query.sql.Condition;
import dev.tortoise.query.sql.From;
import dev.tortoise.query.sql.Table;
import dev.tortoise.schema.Dialect;
import org.jspecify.annotations.Nullable;

/**
 * The FROM clause of one query: the model's table and a LEFT JOIN per relation path that
 * filters, orderings and select-related reach through {@code __}. Every name is checked
 * against the models and quoted. Slightly past ~300 lines: key resolution and the joins it
 * makes (to-one, and to-many for aggregates) must agree on one set of aliases.
 */
final class Joins {

	/** The lookups that compare a part of a date or date-time ({@code created__year}). */
	static final Set<String> DATE_PARTS = Set.of("year", "quarter", "month", "week", "day", "week_day", "hour",
			"minute", "second");

	static final Set<String> LOOKUPS = java.util.stream.Stream.concat(DATE_PARTS.stream(), java.util.stream.Stream.of(
			"exact", "not", "in", "not_in", "gt", "gte", "lt", "lte", "range", "isnull", "not_isnull", "contains",
			"icontains", "startswith", "istartswith", "endswith", "iendswith", "iexact", "regex", "iregex",
			"posix_regex", "iposix_regex", "search"))
		.collect(java.util.stream.Collectors.toUnmodifiableSet());

	/** Where a key lands: a column of an aliased table, the field that types it, and the lookup. */
	record Target(String alias, FieldMeta field, String lookup) {

		Column column() {
			return new Column(this.alias, this.field.column());
		}

	}

	/** A joined table. */
	record Node(String alias, ModelMeta<?> meta) {
	}

	private final Dialect dialect;

	private final ModelMeta<?> root;

	private final String rootAlias;

	private final Map<String, Node> nodes = new LinkedHashMap<>();

	/**
	 * The alias of each many-to-many path's through table, joined once whatever reads it;
	 * made on the first such join, as most statements (an UPDATE's, each call) join none.
	 */
	private @Nullable Map<String, String> throughs;

	private final List<From.Join> clauses = new ArrayList<>();

	private int next = 1;

	/** How joined tables' aliases begin: {@code _t} at the top of a statement, longer in its subqueries. */
	private final String aliasPrefix;

	private final int maxDepth;

	Joins(Dialect dialect, ModelMeta<?> root, String rootAlias) {
		this(dialect, root, rootAlias, "_t", dev.tortoise.config.TortoiseConfig.DEFAULT_MAX_RELATION_DEPTH);
	}

	Joins(Dialect dialect, ModelMeta<?> root, String rootAlias, String aliasPrefix, int maxDepth) {
		this.dialect = dialect;
		this.root = root;
		this.rootAlias = rootAlias;
		this.aliasPrefix = aliasPrefix;
		this.maxDepth = maxDepth;
	}

	Dialect dialect() {
		return this.dialect;
	}

	int maxDepth() {
		return this.maxDepth;
	}

	ModelMeta<?> root() {
		return this.root;
	}

	String rootAlias() {
		return this.rootAlias;
	}

	boolean isEmpty() {
		return this.clauses.isEmpty();
	}

	/** {@code "table" "alias" LEFT JOIN ...}, with the joins made so far. */
	From from() {
		return new From(new Table(this.root.schema(), this.root.table(), this.rootAlias), this.clauses);
	}

	/**
	 * Where a key leads: the relations it follows ({@code hops}, each a join), the field it
	 * compares on the last model and the lookup.
	 */
	record Path(String key, List<FieldMeta> hops, FieldMeta field, String lookup) {

		/** The index of the first hop at or after {@code from} through a relation that holds many rows, or -1. */
		int firstToMany(int from) {
			for (int i = from; i < this.hops.size(); i++) {
				if (isToMany(this.hops.get(i))) {
					return i;
				}
			}
			return -1;
		}

	}

	/**
	 * Resolves {@code field[__relation...][__lookup]} against a model, checking every name.
	 * @param allowToMany whether the path may go through backward and many-to-many relations
	 * @param maxDepth how many relations a key may follow at most
	 */
	static Path path(ModelMeta<?> root, String key, boolean allowToMany, int maxDepth) {
		String[] parts = split(key);
		ModelMeta<?> meta = root;
		List<FieldMeta> hops = new ArrayList<>(2);
		for (int i = 0; i < parts.length; i++) {
			String name = parts[i];
			FieldMeta field = "pk".equals(name) ? meta.pk() : meta.findField(name);
			if (field == null) {
				throw unknown(meta, name, key);
			}
			int remaining = parts.length - i - 1;
			boolean lookupNext = remaining == 1 && LOOKUPS.contains(parts[i + 1]);
			String lookup = lookupNext ? parts[i + 1] : "exact";
			if (field.kind().hasColumn() && (remaining == 0 || lookupNext)) {
				return new Path(key, hops, field, lookup);
			}
			if (!field.kind().isRelation()) {
				throw new FieldException("\"" + parts[i + 1] + "\" in \"" + key + "\" is not a lookup of field "
						+ meta.name() + "." + field.name() + ". Lookups: " + String.join(", ", sortedLookups()) + ".");
			}
			if (!allowToMany && isToMany(field)) {
				throw new FieldException("\"" + key + "\" goes through " + meta.name() + "." + field.name()
						+ ", which holds many rows; only foreign keys and one-to-one relations can be followed here.");
			}
			hops.add(field);
			if (hops.size() > maxDepth) {
				throw new FieldException("\"" + key + "\" follows more than " + maxDepth + " relations, the most a key"
						+ " may follow (maxRelationDepth, tortoise.max-relation-depth). Filter on fewer relations.");
			}
			meta = field.related();
			if (remaining == 0 || lookupNext) {
				// The relation itself: compare the related row's primary key.
				return new Path(key, hops, meta.pk(), lookup);
			}
		}
		throw new FieldException("Empty filter key \"" + key + "\" for model " + root.name() + ".");
	}

	/**
	 * Resolves {@code field[__relation...][__lookup]}, joining what it goes through.
	 * @param allowToMany whether the path may go through backward and many-to-many relations
	 */
	Target resolve(String key, boolean allowToMany) {
		return resolve(path(this.root, key, allowToMany, this.maxDepth), 0);
	}

	/** The target of a path whose hops from {@code from} on start at this join's root, joining them. */
	Target resolve(Path path, int from) {
		Node node = along(path, from, path.hops().size());
		return new Target(node.alias(), path.field(), path.lookup());
	}

	/** Joins hops {@code [from, to)} of a path that start at this join's root; the last node reached. */
	Node along(Path path, int from, int to) {
		Node node = new Node(this.rootAlias, this.root);
		String prefix = "";
		for (int i = from; i < to; i++) {
			FieldMeta hop = path.hops().get(i);
			prefix = prefix.isEmpty() ? hop.name() : prefix + "__" + hop.name();
			node = join(prefix, node.alias(), hop);
		}
		return node;
	}

	/** The through table of a many-to-many path, joined the first time it is asked for. */
	private String through(String path, String fromAlias, FieldMeta field) {
		if (this.throughs == null) {
			this.throughs = new HashMap<>();
		}
		String known = this.throughs.get(path);
		if (known != null) {
			return known;
		}
		String through = this.aliasPrefix + this.next++;
		this.clauses.add(new From.Join(new Table(field.throughSchema(), field.through(), through),
				Condition.compare(new Column(through, field.backwardKey()), "=",
						new Column(fromAlias, field.owner().pk().column()))));
		this.throughs.put(path, through);
		return through;
	}

	/**
	 * For a key that names a many-to-many relation of the root ({@code count("events")}):
	 * the through table's key of the related row, which counts the same rows without joining
	 * the related table; null for any other key.
	 */
	@Nullable Column relatedKeyThroughOnly(String key) {
		if (key.contains("__")) {
			return null;
		}
		FieldMeta field = this.root.findField(key);
		if (field == null || (field.kind() != FieldKind.M2M && field.kind() != FieldKind.BACKWARD_M2M)) {
			return null;
		}
		return new Column(through(key, this.rootAlias, field), field.forwardKey());
	}

	/** Joins the related table of a to-one relation path for select-related, returning its node. */
	Node joinPath(String path) {
		String[] parts = split(path);
		ModelMeta<?> meta = this.root;
		String alias = this.rootAlias;
		String prefix = "";
		Node node = null;
		for (String name : parts) {
			FieldMeta field = meta.findField(name);
			if (field == null) {
				throw unknown(meta, name, path);
			}
			if (field.kind() != FieldKind.FK && field.kind() != FieldKind.O2O && field.kind() != FieldKind.BACKWARD_O2O) {
				throw new FieldException("selectRelated(\"" + path + "\"): " + meta.name() + "." + name
						+ " is not a foreign key or one-to-one relation; use prefetchRelated for relations that hold many rows.");
			}
			prefix = prefix.isEmpty() ? name : prefix + "__" + name;
			node = join(prefix, alias, field);
			meta = node.meta();
			alias = node.alias();
		}
		return node;
	}

	/** {@code key.split("__")} without a regular expression per call. */
	static String[] split(String key) {
		int at = key.indexOf("__");
		if (at < 0) {
			return new String[] { key };
		}
		List<String> parts = new ArrayList<>(4);
		int from = 0;
		while (at >= 0) {
			parts.add(key.substring(from, at));
			from = at + 2;
			at = key.indexOf("__", from);
		}
		parts.add(key.substring(from));
		return parts.toArray(new String[0]);
	}

	static boolean isToMany(FieldMeta f) {
		return f.kind() == FieldKind.BACKWARD_FK || f.kind() == FieldKind.M2M || f.kind() == FieldKind.BACKWARD_M2M;
	}

	private Node join(String path, String fromAlias, FieldMeta field) {
		Node existing = this.nodes.get(path);
		if (existing != null) {
			return existing;
		}
		ModelMeta<?> related = field.related();
		String alias = this.aliasPrefix + this.next++;
		Table table = new Table(related.schema(), related.table(), alias);
		switch (field.kind()) {
			case FK:
			case O2O:
				this.clauses.add(new From.Join(table, Condition.compare(new Column(alias, field.toField().column()), "=",
						new Column(fromAlias, field.column()))));
				break;
			case BACKWARD_O2O: {
				FieldMeta forward = field.opposite();
				this.clauses.add(new From.Join(table, Condition.compare(new Column(alias, forward.column()), "=",
						new Column(fromAlias, forward.toField().column()))));
				break;
			}
			case BACKWARD_FK: {
				// Only aggregates follow these (Expressions): the query groups the rows they repeat.
				// Filters never do: SemiJoins turns such keys into subqueries.
				FieldMeta forward = field.opposite();
				this.clauses.add(new From.Join(table, Condition.compare(new Column(alias, forward.column()), "=",
						new Column(fromAlias, forward.toField().column()))));
				break;
			}
			default: {
				// A many-to-many: its through table, then the related table, for aggregates as above.
				String through = through(path, fromAlias, field);
				this.clauses.add(new From.Join(table, Condition.compare(new Column(alias, related.pk().column()), "=",
						new Column(through, field.forwardKey()))));
			}
		}
		Node node = new Node(alias, related);
		this.nodes.put(path, node);
		return node;
	}

	static FieldException unknown(ModelMeta<?> meta, String name, @Nullable String key) {
		return new FieldException("Unknown field \"" + name + "\"" + ((key != null && !key.equals(name)) ? " in \"" + key
				+ "\"" : "") + " for model " + meta.name() + ". Valid fields: "
				+ String.join(", ", meta.fields().stream().map(FieldMeta::name).toList()) + ".");
	}

	private static List<String> sortedLookups() {
		return LOOKUPS.stream().sorted().toList();
	}

}

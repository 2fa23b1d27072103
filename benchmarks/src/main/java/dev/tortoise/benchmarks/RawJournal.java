package dev.tortoise.benchmarks;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Readable;
import io.r2dbc.spi.Statement;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The suite's tests written by hand on R2DBC, on the Tortoise context's own pool: the same
 * columns written (every default bound, as Tortoise writes them) and read (JSON decoded), each
 * statement's text made once, placeholders in the database's own form.
 */
final class RawJournal {

	/** How rows are handed back: as records (arrays), as dicts, as tuples. */
	enum Mode {
		OBJECTS, DICTS, TUPLES
	}

	private static final ObjectMapper JSON = new ObjectMapper();

	final ConnectionFactory pool;

	private final String db;

	private final Journals<Object> journals;

	/** Every column written by an insert after the timestamp, level and text, with its value (null for NULL). */
	private final List<String> extraColumns = new ArrayList<>();

	private final List<Object> extraValues = new ArrayList<>();

	private final List<Class<?>> extraTypes = new ArrayList<>();

	private final List<String> selectColumns = new ArrayList<>();

	private final boolean[] json;

	/** The Java type each column read is turned into, as the model's field holds it. */
	private final Class<?>[] readTypes;

	private final String insert;

	private final String select;

	private final String page;

	private final String byId;

	private final String updateWhole;

	/** The positions in {@link Journals#columns()} of the columns the whole update writes, in its order (-1: none). */
	private final int[] updateColumns;

	/** Multi-row INSERTs by row count, each written once, as Tortoise writes a batch once. */
	private final Map<Integer, String> bulkInserts = new java.util.concurrent.ConcurrentHashMap<>();

	private final String updateLevel;

	private final String delete;

	@SuppressWarnings("unchecked")
	RawJournal(String db, int shape, ConnectionFactory pool) {
		this.db = db;
		this.pool = pool;
		this.journals = (Journals<Object>) Journals.of(shape);
		List<String> columns = this.journals.columns();
		Object template = this.journals.make((short) 0, "");
		for (int i = 0; i < columns.size(); i++) {
			String column = columns.get(i);
			if (column.equals("timestamp") || column.equals("level") || column.equals("text")) {
				continue;
			}
			this.extraColumns.add(column);
			this.extraValues.add(defaultOf(template, i));
			this.extraTypes.add(column.startsWith("col_json") ? String.class : this.journals.columnType(i));
		}
		if (shape == 2) {
			this.extraColumns.add("parent_id");
			this.extraValues.add(null);
			this.extraTypes.add(Integer.class);
		}
		this.selectColumns.add("id");
		this.selectColumns.addAll(List.of("timestamp", "level", "text"));
		this.selectColumns.addAll(this.extraColumns);
		this.json = new boolean[this.selectColumns.size()];
		this.readTypes = new Class<?>[this.selectColumns.size()];
		for (int i = 0; i < this.json.length; i++) {
			this.json[i] = this.selectColumns.get(i).startsWith("col_json");
			this.readTypes[i] = switch (i) {
				case 0 -> Integer.class;
				case 1 -> OffsetDateTime.class;
				case 2 -> Short.class;
				case 3 -> String.class;
				default -> this.extraTypes.get(i - 4);
			};
		}
		List<String> written = new ArrayList<>(List.of("timestamp", "level", "text"));
		written.addAll(this.extraColumns);
		this.insert = sql("INSERT INTO " + quote("journal") + " (" + list(written) + ") VALUES (" + values(written) + ")");
		String columnsRead = list(this.selectColumns);
		this.select = sql("SELECT " + columnsRead + " FROM " + quote("journal") + " WHERE " + quote("level") + " = ?");
		this.page = sql("SELECT " + columnsRead + " FROM " + quote("journal") + " WHERE " + quote("level")
				+ " = ? LIMIT 20 OFFSET ?");
		this.byId = sql("SELECT " + columnsRead + " FROM " + quote("journal") + " WHERE " + quote("id") + " = ? LIMIT 2");
		List<String> set = new ArrayList<>();
		for (String c : written) {
			set.add(quote(c) + " = " + placeholder(c));
		}
		this.updateColumns = written.stream().mapToInt(columns::indexOf).toArray();
		this.updateWhole = sql("UPDATE " + quote("journal") + " SET " + String.join(", ", set) + " WHERE " + quote("id")
				+ " = ?");
		this.updateLevel = sql("UPDATE " + quote("journal") + " SET " + quote("level") + " = ? WHERE " + quote("id") + " = ?");
		this.delete = sql("DELETE FROM " + quote("journal") + " WHERE " + quote("id") + " = ?");
	}

	/** The value Tortoise writes for a column left at its default: the annotation's default, typed. */
	private Object defaultOf(Object template, int column) {
		Object value = this.journals.value(template, column);
		if (value != null) {
			return value;
		}
		String name = this.journals.columns().get(column);
		try {
			java.lang.reflect.Field field = this.journals.type().getField(
					java.util.regex.Pattern.compile("_([a-z0-9])").matcher(name).replaceAll((m) -> m.group(1).toUpperCase()));
			for (java.lang.annotation.Annotation a : field.getAnnotations()) {
				String text = (String) a.annotationType().getMethod("defaultValue").invoke(a);
				if (text.isEmpty()) {
					return null;
				}
				Class<?> type = field.getType();
				return (type == Double.class) ? Double.valueOf(text) : (type == Short.class) ? Short.valueOf(text)
						: (type == Integer.class) ? Integer.valueOf(text) : (type == Long.class) ? Long.valueOf(text)
								: (type == BigDecimal.class) ? new BigDecimal(text) : text;
			}
		}
		catch (ReflectiveOperationException ex) {
			return null;
		}
		return null;
	}

	String quote(String name) {
		return this.db.equals("mysql") ? "`" + name + "`" : "\"" + name + "\"";
	}

	private String list(List<String> columns) {
		return String.join(", ", columns.stream().map(this::quote).toList());
	}

	private String values(List<String> columns) {
		return String.join(", ", columns.stream().map(this::placeholder).toList());
	}

	private String placeholder(String column) {
		return (column.startsWith("col_json") && this.db.equals("postgres")) ? "?::jsonb" : "?";
	}

	/** {@code ?} as the database writes a placeholder: {@code $n} on PostgreSQL and H2. */
	private String sql(String text) {
		if (this.db.equals("mysql") || this.db.equals("sqlite")) {
			return text;
		}
		StringBuilder out = new StringBuilder();
		int n = 0;
		for (char c : text.toCharArray()) {
			out.append((c == '?') ? "$" + (++n) : String.valueOf(c));
		}
		return out.toString();
	}

	Mono<Long> insert(short level, String text) {
		return Mono.usingWhen(this.pool.create(), (c) -> insert(c, level, text), Connection::close);
	}

	/** One row inserted, its generated key read back as Tortoise reads it. */
	Mono<Long> insert(Connection c, short level, String text) {
		Statement statement = c.createStatement(this.insert).returnGeneratedValues("id");
		bindRow(statement, 0, OffsetDateTime.now(ZoneOffset.UTC), level, text);
		return Flux.from(statement.execute()).concatMap((r) -> r.map((row, m) -> row.get(0))).then(Mono.just(1L));
	}

	private int bindRow(Statement statement, int from, OffsetDateTime timestamp, short level, String text) {
		int i = from;
		statement.bind(i++, timestamp);
		statement.bind(i++, level);
		statement.bind(i++, text);
		for (int e = 0; e < this.extraValues.size(); e++, i++) {
			Object value = this.extraValues.get(e);
			if (value == null) {
				statement.bindNull(i, this.extraTypes.get(e));
			}
			else {
				statement.bind(i, value);
			}
		}
		return i;
	}

	/** One multi-row INSERT of {@code n} rows, its generated keys read back as Tortoise for Java's bulkCreate reads them. */
	Mono<Long> bulkInsert(int n, String textPrefix) {
		String sql = this.bulkInserts.computeIfAbsent(n, this::bulkInsertText);
		return Mono.usingWhen(this.pool.create(), (c) -> {
			Statement statement = c.createStatement(sql);
			OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
			int i = 0;
			for (int r = 0; r < n; r++) {
				i = bindRow(statement, i, now, (short) (10 * (1 + r % 5)), textPrefix + r);
			}
			// The keys are read back, as bulkCreate reads them to set each instance's (MariaDB reports the first).
			statement.returnGeneratedValues("id");
			return Flux.from(statement.execute()).concatMap((res) -> res.map((row, m) -> row.get(0))).count()
				.thenReturn((long) n);
		}, Connection::close);
	}

	/** The INSERT's VALUES repeated for {@code n} rows, placeholders numbered on where the database numbers them. */
	private String bulkInsertText(int n) {
		String one = this.insert.substring(this.insert.indexOf(" VALUES ") + 8);
		StringBuilder sql = new StringBuilder(this.insert.substring(0, this.insert.indexOf(" VALUES ") + 8));
		int perRow = 3 + this.extraValues.size();
		for (int r = 0; r < n; r++) {
			String row = one;
			if (!this.db.equals("mysql") && !this.db.equals("sqlite")) {
				StringBuilder renumbered = new StringBuilder();
				java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\$(\\d+)").matcher(one);
				while (m.find()) {
					m.appendReplacement(renumbered, "\\$" + (Integer.parseInt(m.group(1)) + r * perRow));
				}
				m.appendTail(renumbered);
				row = renumbered.toString();
			}
			sql.append((r == 0) ? "" : ", ").append(row);
		}
		return sql.toString();
	}

	/** Rows of one level (all of them, or a page of 20 from an offset), or one by id, mapped as asked. */
	Mono<Long> select(String where, Object param, Integer offset, Mode mode) {
		String sql = where.startsWith("WHERE id") ? this.byId : (offset == null) ? this.select : this.page;
		return Mono.usingWhen(this.pool.create(), (c) -> {
			Statement statement = c.createStatement(sql).bind(0, param);
			if (offset != null) {
				statement.bind(1, (long) offset);
			}
			return Flux.from(statement.execute()).concatMap((r) -> r.map((row, m) -> map(row, mode))).count();
		}, Connection::close);
	}

	private Object map(Readable row, Mode mode) {
		int n = this.selectColumns.size();
		if (mode == Mode.DICTS) {
			Map<String, Object> dict = new LinkedHashMap<>(n * 2);
			for (int i = 0; i < n; i++) {
				dict.put(this.selectColumns.get(i), read(row, i));
			}
			return dict;
		}
		Object[] values = new Object[n];
		for (int i = 0; i < n; i++) {
			values[i] = read(row, i);
		}
		return (mode == Mode.TUPLES) ? java.util.Arrays.asList(values) : values;
	}

	private Object read(Readable row, int i) {
		if (!this.json[i]) {
			return row.get(i, this.readTypes[i]);
		}
		String text = row.get(i, String.class);
		try {
			return (text == null) ? null : JSON.readValue(text, Map.class);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The work of one chain in a transaction of its own on one connection, committed at its end. */
	Flux<Long> inTransaction(Function<Connection, Flux<Long>> work) {
		return Flux.usingWhen(this.pool.create(), (c) -> Mono.from(c.beginTransaction())
			.thenMany(work.apply(c))
			.concatWith(Mono.from(c.commitTransaction()).then(Mono.empty())), Connection::close);
	}

	/** Every written column of a journal set again, as Tortoise's whole save does. */
	Mono<Long> updateWhole(Connection c, Object journal) {
		Statement statement = c.createStatement(this.updateWhole);
		int i = 0;
		for (; i < this.updateColumns.length; i++) {
			int column = this.updateColumns[i];
			Object value = (column < 0) ? null : valueOf(journal, column);
			if (value == null) {
				statement.bindNull(i, this.extraTypes.get(i - 3));
			}
			else {
				statement.bind(i, value);
			}
		}
		statement.bind(i, this.journals.id(journal));
		return Flux.from(statement.execute()).concatMap((r) -> r.getRowsUpdated()).reduce(0L, Long::sum);
	}

	private Object valueOf(Object journal, int column) {
		Object value = this.journals.value(journal, column);
		if (value instanceof Map<?, ?> map) {
			try {
				return JSON.writeValueAsString(map);
			}
			catch (JsonProcessingException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return value;
	}

	Mono<Long> updateLevel(Connection c, Object id, short level) {
		return Flux.from(c.createStatement(this.updateLevel).bind(0, level).bind(1, id).execute())
			.concatMap((r) -> r.getRowsUpdated()).reduce(0L, Long::sum);
	}

	Mono<Long> delete(Connection c, Object id) {
		return Flux.from(c.createStatement(this.delete).bind(0, id).execute()).concatMap((r) -> r.getRowsUpdated())
			.reduce(0L, Long::sum);
	}

}

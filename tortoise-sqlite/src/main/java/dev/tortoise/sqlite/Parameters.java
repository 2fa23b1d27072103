package dev.tortoise.sqlite;

import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The parameters of a statement's text, numbered as SQLite numbers them: {@code ?} takes
 * the next number, {@code ?NNN} is number NNN, and a named parameter ({@code :name},
 * {@code @name}, {@code $name}) takes the next number where it first appears and keeps it.
 * Names are also reachable as {@code $N}, {@code ?N} and {@code :N} by number, so that
 * R2DBC clients binding PostgreSQL-style names find them. What stands inside string
 * literals, quoted identifiers and comments is not a parameter. Whether a statement
 * returns rows, and its leading keyword, are read here too.
 */
final class Parameters {

	private static final int CACHE_LIMIT = 2048;

	private static final Map<String, Parameters> CACHE = new ConcurrentHashMap<>();

	private final int count;

	private final Map<String, Integer> names;

	private final String keyword;

	private final boolean returning;

	private final boolean writes;

	private Parameters(int count, Map<String, Integer> names, String keyword, boolean returning, boolean writes) {
		this.count = count;
		this.names = names;
		this.keyword = keyword;
		this.returning = returning;
		this.writes = writes;
	}

	/** The parameters of a statement's text, read once per text. */
	static Parameters of(String sql) {
		Parameters p = CACHE.get(sql);
		if (p == null) {
			p = parse(sql);
			if (CACHE.size() >= CACHE_LIMIT) {
				CACHE.clear();
			}
			CACHE.put(sql, p);
		}
		return p;
	}

	/** How many values the statement binds: the largest parameter number. */
	int count() {
		return this.count;
	}

	/** The statement's first keyword, in upper case ({@code SELECT}, {@code INSERT}, ...). */
	String keyword() {
		return this.keyword;
	}

	/** Whether the statement changes rows: INSERT, UPDATE, DELETE or REPLACE. */
	boolean changesRows() {
		return changesRows(this.keyword);
	}

	/**
	 * Whether the statement takes SQLite's write lock: anything but a query, a pragma and
	 * the transaction statements themselves; a {@code WITH} when it leads to an INSERT,
	 * UPDATE, DELETE or REPLACE.
	 */
	boolean writes() {
		return this.writes;
	}

	/** Whether the statement already has a RETURNING clause. */
	boolean returning() {
		return this.returning;
	}

	/** The 0-based index of a named parameter. */
	int index(String name) {
		Integer i = this.names.get(name);
		if (i == null) {
			throw new NoSuchElementException("The statement has no parameter named \"" + name + "\". Its parameters: "
					+ (this.names.isEmpty() ? "none" : String.join(", ", new java.util.TreeSet<>(this.names.keySet())))
					+ ".");
		}
		return i;
	}

	static Parameters parse(String sql) {
		int next = 0;
		int max = 0;
		Map<String, Integer> names = new HashMap<>();
		String keyword = null;
		boolean returning = false;
		boolean dml = false;
		int n = sql.length();
		int i = 0;
		while (i < n) {
			char c = sql.charAt(i);
			if (c == '\'' || c == '"' || c == '`' || c == '[') {
				char end = (c == '[') ? ']' : c;
				i = sql.indexOf(end, i + 1);
				while (i > 0 && end != ']' && i + 1 < n && sql.charAt(i + 1) == end) {
					i = sql.indexOf(end, i + 2);
				}
				i = (i < 0) ? n : i + 1;
			}
			else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
				i = sql.indexOf('\n', i);
				i = (i < 0) ? n : i + 1;
			}
			else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
				i = sql.indexOf("*/", i + 2);
				i = (i < 0) ? n : i + 2;
			}
			else if (c == '?') {
				int j = i + 1;
				while (j < n && Character.isDigit(sql.charAt(j))) {
					j++;
				}
				int number = (j > i + 1) ? Integer.parseInt(sql.substring(i + 1, j)) : max + 1;
				max = Math.max(max, number);
				next = max;
				i = j;
			}
			else if ((c == ':' || c == '@' || c == '$') && i + 1 < n && isNameChar(sql.charAt(i + 1))
					&& !(c == ':' && i > 0 && sql.charAt(i - 1) == ':')) {
				int j = i + 1;
				while (j < n && isNameChar(sql.charAt(j))) {
					j++;
				}
				String name = sql.substring(i, j);
				if (!names.containsKey(name)) {
					max = Math.max(max, next + 1);
					next = max;
					names.put(name, next - 1);
				}
				i = j;
			}
			else if (Character.isLetter(c)) {
				int j = i;
				while (j < n && isNameChar(sql.charAt(j))) {
					j++;
				}
				String word = sql.substring(i, j).toUpperCase(Locale.ROOT);
				if (keyword == null) {
					keyword = word;
				}
				else if ("RETURNING".equals(word)) {
					returning = true;
				}
				else if (changesRows(word)) {
					dml = true;
				}
				i = j;
			}
			else {
				i++;
			}
		}
		for (int k = 1; k <= max; k++) {
			for (String prefix : new String[] { "$", "?", ":" }) {
				names.putIfAbsent(prefix + k, k - 1);
			}
		}
		String first = (keyword != null) ? keyword : "";
		boolean writes = switch (first) {
			case "", "SELECT", "VALUES", "EXPLAIN", "PRAGMA", "BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE",
					"ATTACH", "DETACH" -> false;
			case "WITH" -> dml;
			default -> true;
		};
		return new Parameters(max, Collections.unmodifiableMap(names), first, returning, writes);
	}

	private static boolean changesRows(String keyword) {
		return switch (keyword) {
			case "INSERT", "UPDATE", "DELETE", "REPLACE" -> true;
			default -> false;
		};
	}

	private static boolean isNameChar(char c) {
		return Character.isLetterOrDigit(c) || c == '_';
	}

}

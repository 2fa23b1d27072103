package dev.tortoise.sqlite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import io.r2dbc.spi.Closeable;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import org.jspecify.annotations.Nullable;
import org.sqlite.Function;
import org.sqlite.SQLiteConfig;
import reactor.core.publisher.Mono;

/**
 * Opens connections to one SQLite database: a file, or a database in memory that every
 * connection of this factory shares and that lives until {@link #close()}. Each connection
 * is opened on the thread it will work on, with the factory's pragmas applied; the journal
 * mode once, by the first connection, since it belongs to the file. Directories a file's
 * path names are created. Build one with {@link #builder(String)} or through R2DBC's
 * {@code ConnectionFactories} ({@code r2dbc:sqlite:///path/app.db}).
 */
public final class SqliteConnectionFactory implements ConnectionFactory, Closeable {

	private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

	private static final Pattern VALUE = Pattern.compile("-?[A-Za-z0-9_.]+");

	private static final AtomicInteger THREADS = new AtomicInteger();

	private final String database;

	private final boolean memory;

	private final String jdbcUrl;

	private final Map<String, String> pragmas;

	private final Duration busyTimeout;

	private final boolean unicodeCase;

	private final boolean callerRuns;

	private volatile boolean journalSet;

	/** The line in which this factory's connections wait for the write lock. */
	private final WriteGate gate = new WriteGate();

	private volatile boolean closed;

	/** Holds an in-memory database open between connections. */
	private java.sql.@Nullable Connection keeper;

	private SqliteConnectionFactory(Builder b) {
		this.database = b.database;
		this.memory = ":memory:".equals(b.database) || b.database.isEmpty();
		this.jdbcUrl = this.memory ? "jdbc:sqlite:file:/tortoise-" + UUID.randomUUID() + "?vfs=memdb"
				: "jdbc:sqlite:" + b.database;
		Map<String, String> p = new LinkedHashMap<>();
		p.put("foreign_keys", "ON");
		if (!this.memory) {
			p.put("journal_mode", "WAL");
		}
		b.pragmas.forEach((k, v) -> p.put(k.toLowerCase(Locale.ROOT), v));
		this.busyTimeout = (p.containsKey("busy_timeout")) ? Duration.ofMillis(Long.parseLong(p.remove("busy_timeout")))
				: b.busyTimeout;
		this.pragmas = Map.copyOf(p);
		this.unicodeCase = b.unicodeCase;
		this.callerRuns = b.callerRuns;
	}

	/** A factory for the database at a path ({@code :memory:} for one in memory). */
	public static Builder builder(String database) {
		return new Builder(database);
	}

	/** The database file, or {@code :memory:}. */
	public String database() {
		return this.memory ? ":memory:" : this.database;
	}

	@Override
	public Mono<Connection> create() {
		return Mono.defer(() -> {
			if (this.closed) {
				return Mono.error(new io.r2dbc.spi.R2dbcNonTransientResourceException("The SQLite connection factory for "
						+ database() + " is closed."));
			}
			Worker worker = new Worker("tortoise-sqlite-" + THREADS.incrementAndGet(), this.callerRuns);
			return worker.call(() -> open(worker), (dropped) -> dropped.close().subscribe())
				.doOnError((ex) -> worker.shutdown())
				.cast(Connection.class);
		});
	}

	private SqliteConnection open(Worker worker) throws Exception {
		if (this.memory) {
			keepMemoryDatabase();
		}
		else {
			Path parent = Path.of(this.database).toAbsolutePath().getParent();
			if (parent != null) {
				Files.createDirectories(parent);
			}
		}
		SQLiteConfig config = new SQLiteConfig();
		config.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, this.busyTimeout.toMillis()));
		// Generated values come from RETURNING. sqlite-jdbc's own would run a SELECT after every
		// INSERT and leave it open, which also keeps SQLite from clearing a stale interrupt.
		config.setGetGeneratedKeys(false);
		org.sqlite.SQLiteConnection jdbc = (org.sqlite.SQLiteConnection) config.createConnection(this.jdbcUrl);
		try {
			try (java.sql.Statement s = jdbc.createStatement()) {
				for (Map.Entry<String, String> p : this.pragmas.entrySet()) {
					if (!"journal_mode".equals(p.getKey()) || !this.journalSet) {
						s.execute("PRAGMA " + p.getKey() + " = " + p.getValue());
					}
				}
				this.journalSet = true;
			}
			if (this.unicodeCase) {
				// One instance per connection: sqlite-jdbc keeps a call's arguments in the Function object.
				Function.create(jdbc, "lower", new UnicodeCase(false), 1, Function.FLAG_DETERMINISTIC);
				Function.create(jdbc, "upper", new UnicodeCase(true), 1, Function.FLAG_DETERMINISTIC);
			}
			String version;
			try (java.sql.Statement s = jdbc.createStatement(); ResultSet rs = s.executeQuery("SELECT sqlite_version()")) {
				rs.next();
				version = rs.getString(1);
			}
			return new SqliteConnection(jdbc, worker, version, this.gate, this.busyTimeout);
		}
		catch (Exception ex) {
			jdbc.close();
			throw ex;
		}
	}

	private synchronized void keepMemoryDatabase() throws Exception {
		if (this.keeper == null) {
			this.keeper = new SQLiteConfig().createConnection(this.jdbcUrl);
		}
	}

	/**
	 * Closes what keeps an in-memory database alive, dropping it once the last of its
	 * connections closes; no new connections are made afterwards. A file database is left
	 * as it is. Idempotent.
	 */
	@Override
	public Mono<Void> close() {
		return Mono.fromRunnable(() -> {
			this.closed = true;
			synchronized (this) {
				if (this.keeper != null) {
					try {
						this.keeper.close();
					}
					catch (Exception ignored) {
						// Nothing is left to close.
					}
					this.keeper = null;
				}
			}
		});
	}

	@Override
	public ConnectionFactoryMetadata getMetadata() {
		return () -> "SQLite";
	}

	@Override
	public String toString() {
		return "SqliteConnectionFactory[" + database() + "]";
	}

	/** Java's Unicode case mapping for SQLite's {@code lower()} and {@code upper()}, which map ASCII only. */
	private static final class UnicodeCase extends Function {

		private final boolean upper;

		UnicodeCase(boolean upper) {
			this.upper = upper;
		}

		@Override
		protected void xFunc() throws java.sql.SQLException {
			String s = value_text(0);
			if (s == null) {
				result();
			}
			else {
				result(this.upper ? s.toUpperCase(Locale.ROOT) : s.toLowerCase(Locale.ROOT));
			}
		}

	}

	/** Settings of a factory; immutable once built. */
	public static final class Builder {

		private final String database;

		private final Map<String, String> pragmas = new LinkedHashMap<>();

		private Duration busyTimeout = Duration.ofSeconds(5);

		private boolean unicodeCase = true;

		private boolean callerRuns;

		private Builder(String database) {
			this.database = database.trim();
		}

		/**
		 * A pragma every connection runs when it opens ({@code journal_mode},
		 * {@code foreign_keys}, {@code synchronous}, ...). Defaults: {@code foreign_keys = ON},
		 * and {@code journal_mode = WAL} for files.
		 * @throws IllegalArgumentException for a name or value that is not a plain word or number
		 */
		public Builder pragma(String name, Object value) {
			String v = value.toString().trim();
			if (!NAME.matcher(name).matches() || !VALUE.matcher(v).matches()) {
				throw new IllegalArgumentException("Invalid SQLite pragma " + name + " = " + v
						+ ": names are identifiers and values plain words or numbers.");
			}
			this.pragmas.put(name, v);
			return this;
		}

		/** How long a statement waits for another connection's lock before failing with SQLITE_BUSY (default 5 s). */
		public Builder busyTimeout(Duration timeout) {
			this.busyTimeout = timeout;
			return this;
		}

		/**
		 * Whether {@code lower()} and {@code upper()} map all of Unicode, as Java does (default),
		 * rather than ASCII only, as SQLite's own do.
		 */
		public Builder unicodeCase(boolean unicodeCase) {
			this.unicodeCase = unicodeCase;
			return this;
		}

		/**
		 * Whether a caller on a thread that may block (not an event loop, not Reactor's parallel
		 * scheduler) runs its statement itself when the connection is idle, as plain JDBC does,
		 * instead of handing it to the connection's thread (default false). Faster for batch jobs
		 * and blocking callers; subscribing then blocks such a caller until the statement is done.
		 */
		public Builder callerRuns(boolean callerRuns) {
			this.callerRuns = callerRuns;
			return this;
		}

		public SqliteConnectionFactory build() {
			return new SqliteConnectionFactory(this);
		}

	}

}

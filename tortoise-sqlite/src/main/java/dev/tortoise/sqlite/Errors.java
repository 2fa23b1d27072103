package dev.tortoise.sqlite;

import io.r2dbc.spi.R2dbcBadGrammarException;
import io.r2dbc.spi.R2dbcDataIntegrityViolationException;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTimeoutException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import org.sqlite.SQLiteException;

/** SQLite's result codes as R2DBC's exception classes. */
final class Errors {

	static final int SQLITE_ERROR = 1;

	static final int SQLITE_BUSY = 5;

	static final int SQLITE_LOCKED = 6;

	static final int SQLITE_INTERRUPT = 9;

	static final int SQLITE_CONSTRAINT = 19;

	private Errors() {
	}

	/** An R2DBC exception for whatever a JDBC call threw; R2DBC exceptions and errors pass as they are. */
	static Throwable translate(Throwable ex) {
		if (ex instanceof R2dbcException || ex instanceof Error || ex instanceof IllegalArgumentException
				|| ex instanceof IllegalStateException) {
			return ex;
		}
		if (ex instanceof SQLiteException s) {
			int extended = s.getResultCode().code;
			String message = message(s);
			switch (extended & 0xff) {
				case SQLITE_CONSTRAINT:
					return new R2dbcDataIntegrityViolationException(message, null, extended, ex);
				case SQLITE_BUSY:
				case SQLITE_LOCKED:
					return new R2dbcTransientResourceException(message, null, extended, ex);
				case SQLITE_INTERRUPT:
					return new R2dbcNonTransientResourceException(message, null, extended, ex);
				case SQLITE_ERROR:
					return new R2dbcBadGrammarException(message, null, extended, ex);
				default:
					return new R2dbcNonTransientResourceException(message, null, extended, ex);
			}
		}
		if (ex instanceof java.sql.SQLException s) {
			return new R2dbcNonTransientResourceException(String.valueOf(s.getMessage()), s.getSQLState(),
					s.getErrorCode(), ex);
		}
		return new R2dbcNonTransientResourceException(String.valueOf(ex.getMessage()), ex);
	}

	/** A statement stopped at its time-out. */
	static R2dbcTimeoutException timeout(java.time.Duration timeout, Throwable cause) {
		return new R2dbcTimeoutException("The statement ran longer than its statement timeout of " + timeout.toMillis()
				+ " ms and was interrupted.", null, SQLITE_INTERRUPT, cause);
	}

	/** Whether an error is SQLite's interrupt of a running statement. */
	static boolean isInterrupt(Throwable ex) {
		return ex instanceof SQLiteException s && (s.getResultCode().code & 0xff) == SQLITE_INTERRUPT
				|| ex instanceof R2dbcException r && (r.getErrorCode() & 0xff) == SQLITE_INTERRUPT;
	}

	/** SQLite's own message, without sqlite-jdbc's code prefix repeated in it. */
	private static String message(SQLiteException ex) {
		String m = String.valueOf(ex.getMessage());
		int close = m.startsWith("[") ? m.indexOf("] ") : -1;
		return (close > 0) ? m.substring(close + 2) : m;
	}

}

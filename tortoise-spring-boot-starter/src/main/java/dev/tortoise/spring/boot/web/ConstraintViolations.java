package dev.tortoise.spring.boot.web;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which constraint a database says a write broke, from the driver's message, in words a
 * client may read: the constraint's or key's name and the columns, never the statement or the
 * values (PostgreSQL, MySQL/MariaDB, H2, SQLite).
 */
final class ConstraintViolations {

	private record Rule(Pattern pattern, Function<Matcher, String> words) {
	}

	private static final List<Rule> RULES = List.of(
			rule("violates (unique|foreign key|check|exclusion) constraint \"([^\"]+)\"",
					(m) -> m.group(1) + " constraint " + m.group(2)),
			rule("null value in column \"([^\"]+)\"", (m) -> "required column " + m.group(1)),
			rule("Duplicate entry .* for key '([^']+)'", (m) -> "unique key " + m.group(1)),
			rule("foreign key constraint fails .*CONSTRAINT `([^`]+)`", (m) -> "foreign key " + m.group(1)),
			rule("Column '([^']+)' cannot be null", (m) -> "required column " + m.group(1)),
			rule("Unique index or primary key violation: \"[^\"]*? ON (?:[\\w$]+\\.)?([\\w$]+)\\(([\\w$]+)",
					(m) -> "unique index on " + lower(m.group(1)) + "(" + lower(m.group(2)) + ")"),
			rule("Referential integrity constraint violation: \"([\\w$]+)", (m) -> "foreign key " + lower(m.group(1))),
			rule("NULL not allowed for column \"([\\w$]+)\"", (m) -> "required column " + lower(m.group(1))),
			rule("(UNIQUE|NOT NULL|CHECK) constraint failed: ([\\w.]+(?:, [\\w.]+)*)",
					(m) -> m.group(1).toLowerCase(Locale.ROOT) + " constraint on " + m.group(2)),
			rule("(UNIQUE|NOT NULL|FOREIGN KEY|CHECK) constraint failed",
					(m) -> m.group(1).toLowerCase(Locale.ROOT) + " constraint"));

	private ConstraintViolations() {
	}

	private static Rule rule(String regex, Function<Matcher, String> words) {
		return new Rule(Pattern.compile(regex, Pattern.DOTALL), words);
	}

	/** The broken constraint in words, or a general phrase when the message says nothing known. */
	static String describe(String driverMessage) {
		for (Rule rule : RULES) {
			Matcher m = rule.pattern().matcher(driverMessage);
			if (m.find()) {
				return "the " + rule.words().apply(m);
			}
		}
		return "a constraint of the database";
	}

	private static String lower(String identifier) {
		return identifier.toLowerCase(Locale.ROOT);
	}

}

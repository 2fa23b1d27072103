package dev.tortoise.types;

import java.time.ZoneId;

import dev.tortoise.schema.Dialect;

/**
 * What converting a value depends on besides its field: the connection's dialect (how its
 * driver binds and reads the type) and Tortoise's time-zone settings ({@code use_tz},
 * {@code timezone}).
 */
public record TypeContext(Dialect dialect, boolean useTz, ZoneId zone) {

	/**
	 * Checks that a date (or a datetime's date, as stored) lies in the years both the
	 * database and Python's {@code datetime} hold.
	 * @throws ArithmeticException saying which years are
	 */
	public void checkYear(java.time.LocalDate date) {
		int year = date.getYear();
		if (year < this.dialect.firstYear() || year > 9999) {
			throw new ArithmeticException("it is outside the years " + this.dialect.firstYear() + " to 9999 that "
					+ this.dialect.name() + " and Tortoise ORM (Python's datetime) both hold");
		}
	}

}

package dev.tortoise.schema;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import dev.tortoise.fields.FieldType;
import dev.tortoise.testmodels.query.Level;
import dev.tortoise.testmodels.query.TicketState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Default values written as Tortoise's generators write them, per dialect. */
class ColumnDefaultsTests {

	private static final Dialect POSTGRES = Dialect.forEngine("postgres");

	private static final Dialect MYSQL = Dialect.forEngine("mysql");

	private static final Dialect SQLITE = Dialect.forEngine("sqlite");

	private static final Dialect H2 = Dialect.forEngine("h2");

	@Test
	void booleansAsEachGeneratorWritesThem() {
		assertThat(ColumnDefaults.literal(FieldType.BOOLEAN, true, POSTGRES)).isEqualTo("True");
		assertThat(ColumnDefaults.literal(FieldType.BOOLEAN, false, MYSQL)).isEqualTo("0");
		assertThat(ColumnDefaults.literal(FieldType.BOOLEAN, true, SQLITE)).isEqualTo("1");
		assertThat(ColumnDefaults.literal(FieldType.BOOLEAN, true, H2)).isEqualTo("TRUE");
	}

	@Test
	void textWithTortoisesEscapesAndAQuoteEachDatabaseAccepts() {
		assertThat(ColumnDefaults.literal(FieldType.CHAR, "EUR", POSTGRES)).isEqualTo("'EUR'");
		assertThat(ColumnDefaults.literal(FieldType.CHAR, "it's\n", MYSQL)).isEqualTo("'it\\'s\\n'");
		assertThat(ColumnDefaults.literal(FieldType.CHAR, "it's\n", POSTGRES)).isEqualTo("'it''s\\n'");
		assertThat(ColumnDefaults.literal(FieldType.CHAR, "it's", SQLITE)).isEqualTo("'it''s'");
		assertThat(ColumnDefaults.literal(FieldType.CHAR, "it's\n", H2)).isEqualTo("'it''s\n'");
	}

	@Test
	void enumsByTheirStoredValue() {
		assertThat(ColumnDefaults.literal(FieldType.CHAR_ENUM, TicketState.IN_PROGRESS, POSTGRES))
			.isEqualTo("'in progress'");
		assertThat(ColumnDefaults.literal(FieldType.INT_ENUM, Level.HIGH, MYSQL)).isEqualTo("20");
	}

	@Test
	void numbersAsPythonPrintsThem() {
		assertThat(ColumnDefaults.literal(FieldType.INT, 0, POSTGRES)).isEqualTo("0");
		assertThat(ColumnDefaults.literal(FieldType.DECIMAL, new BigDecimal("0.50"), POSTGRES)).isEqualTo("0.50");
		assertThat(ColumnDefaults.pythonG15(1.5)).isEqualTo("1.5");
		assertThat(ColumnDefaults.pythonG15(100.0)).isEqualTo("100");
		assertThat(ColumnDefaults.pythonG15(1.0 / 3)).isEqualTo("0.333333333333333");
		assertThat(ColumnDefaults.pythonG15(1e20)).isEqualTo("1e+20");
		assertThat(ColumnDefaults.pythonG15(1e15)).isEqualTo("1e+15");
		assertThat(ColumnDefaults.pythonG15(123456789012345.0)).isEqualTo("123456789012345");
		assertThat(ColumnDefaults.pythonG15(123456789012345678.0)).isEqualTo("1.23456789012346e+17");
		assertThat(ColumnDefaults.pythonG15(0.0001)).isEqualTo("0.0001");
		assertThat(ColumnDefaults.pythonG15(0.00001)).isEqualTo("1e-05");
		assertThat(ColumnDefaults.pythonG15(-2.5e-7)).isEqualTo("-2.5e-07");
	}

	@Test
	void datesAndTimesAsPythonsIsoformat() {
		assertThat(ColumnDefaults.literal(FieldType.DATE, LocalDate.of(2024, 1, 31), POSTGRES)).isEqualTo("'2024-01-31'");
		assertThat(ColumnDefaults.isoformat(LocalTime.of(9, 5))).isEqualTo("09:05:00");
		assertThat(ColumnDefaults.isoformat(LocalTime.of(9, 5, 1, 120_000_000))).isEqualTo("09:05:01.120000");
		assertThat(ColumnDefaults.isoformat(LocalDateTime.of(2024, 1, 2, 3, 4, 5))).isEqualTo("2024-01-02T03:04:05");
		assertThat(ColumnDefaults.isoformat(Instant.parse("2024-01-02T03:04:05Z"))).isEqualTo("2024-01-02T03:04:05+00:00");
		assertThat(ColumnDefaults.isoformat(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHours(9))))
			.isEqualTo("2024-01-02T03:04:05+09:00");
	}

}

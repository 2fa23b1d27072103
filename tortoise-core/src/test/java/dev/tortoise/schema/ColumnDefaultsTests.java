package dev.tortoise.schema;

import java.math.BigDecimal;
import java.time.LocalDate;

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
	void numbersAsTortoisesEncodersWriteThem() {
		assertThat(ColumnDefaults.literal(FieldType.INT, 0, POSTGRES)).isEqualTo("0");
		assertThat(ColumnDefaults.literal(FieldType.DECIMAL, new BigDecimal("0.50"), POSTGRES)).isEqualTo("0.50");
		assertThat(ColumnDefaults.literal(FieldType.FLOAT, 1e20, POSTGRES)).isEqualTo("1e+20");
		assertThat(ColumnDefaults.literal(FieldType.TIMEDELTA, java.time.Duration.ofHours(1), MYSQL)).isEqualTo("3600000000");
	}

	@Test
	void datesQuotedInIsoformat() {
		assertThat(ColumnDefaults.literal(FieldType.DATE, LocalDate.of(2024, 1, 31), POSTGRES)).isEqualTo("'2024-01-31'");
	}

	@Test
	void autoNowTimesTakeTheCurrentTimeWithoutAnUpdateClauseNoDatabaseAcceptsOnATime() {
		assertThat(POSTGRES.autoNowTimeDefault()).as("Tortoise's text; TIMETZ takes the timestamp")
			.isEqualTo(" DEFAULT CURRENT_TIMESTAMP");
		assertThat(MYSQL.autoNowTimeDefault()).isEqualTo(" DEFAULT CURRENT_TIMESTAMP(6)");
		assertThat(MYSQL.autoNowDefault(true)).endsWith("ON UPDATE CURRENT_TIMESTAMP(6)");
		assertThat(SQLITE.autoNowTimeDefault()).as("a time of day, not a timestamp, in a TIME column")
			.isEqualTo(" DEFAULT CURRENT_TIME");
		assertThat(H2.autoNowTimeDefault()).isEqualTo(" DEFAULT CURRENT_TIME");
	}

}

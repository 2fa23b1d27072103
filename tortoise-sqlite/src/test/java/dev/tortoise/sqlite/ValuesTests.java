package dev.tortoise.sqlite;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValuesTests {

	@Test
	void dateTimesAreWrittenAsPythonsIsoformatWritesThem() {
		assertThat(Values.storable(LocalDateTime.of(2024, 1, 2, 3, 4, 5))).isEqualTo("2024-01-02 03:04:05");
		assertThat(Values.storable(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 120_000, ZoneOffset.ofHours(2))))
			.isEqualTo("2024-01-02 03:04:05.000120+02:00");
		assertThat(Values.storable(Instant.parse("2024-01-02T03:04:05Z"))).isEqualTo("2024-01-02 03:04:05+00:00");
		assertThat(Values.storable(LocalTime.of(9, 30))).isEqualTo("09:30:00");
		assertThat(Values.storable(OffsetTime.of(9, 30, 0, 0, ZoneOffset.UTC))).isEqualTo("09:30:00+00:00");
		assertThat(Values.storable(LocalDate.of(2024, 2, 29))).isEqualTo("2024-02-29");
		assertThat(Values.storable(new BigDecimal("1E+2"))).isEqualTo("100");
	}

	@Test
	void textInAnyOfPythonsFormsIsRead() {
		assertThat(Values.convert("2024-01-02 03:04:05.123456+00:00", OffsetDateTime.class))
			.isEqualTo(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_000, ZoneOffset.UTC));
		assertThat(Values.convert("2024-01-02T03:04:05Z", Instant.class)).isEqualTo(Instant.parse("2024-01-02T03:04:05Z"));
		assertThat(Values.convert("2024-01-02 03:04:05", LocalDateTime.class)).isEqualTo(LocalDateTime.of(2024, 1, 2, 3, 4, 5));
		assertThat(Values.convert("2024-01-02", LocalDate.class)).isEqualTo(LocalDate.of(2024, 1, 2));
		assertThat(Values.convert("09:30:00.5+01:00", OffsetTime.class))
			.isEqualTo(OffsetTime.of(9, 30, 0, 500_000_000, ZoneOffset.ofHours(1)));
		assertThat(Values.convert(1_700_000_000L, Instant.class)).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
	}

	@Test
	void numbersConvertExactlyOrNotAtAll() {
		assertThat(Values.convert(5, Long.class)).isEqualTo(5L);
		assertThat(Values.convert("1E+2", BigDecimal.class)).isEqualByComparingTo("100");
		assertThat(Values.convert(0, Boolean.class)).isFalse();
		assertThatThrownBy(() -> Values.convert(1.5, Long.class)).isInstanceOf(ArithmeticException.class);
		assertThatThrownBy(() -> Values.convert(70_000L, Short.class)).isInstanceOf(ArithmeticException.class);
		UUID id = UUID.randomUUID();
		assertThat(Values.convert(id.toString(), UUID.class)).isEqualTo(id);
	}

	@Test
	void unsupportedValuesAreRefusedWithTheClassesThatBind() {
		assertThatThrownBy(() -> Values.storable(new Object())).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("bind a String, a number");
	}

}

package dev.tortoise.types;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PythonTextTests {

	@Test
	void floatsAsPythonsFifteenSignificantDigits() {
		assertThat(PythonText.g15(1.5)).isEqualTo("1.5");
		assertThat(PythonText.g15(100.0)).isEqualTo("100");
		assertThat(PythonText.g15(1.0 / 3)).isEqualTo("0.333333333333333");
		assertThat(PythonText.g15(1e20)).isEqualTo("1e+20");
		assertThat(PythonText.g15(1e15)).isEqualTo("1e+15");
		assertThat(PythonText.g15(123456789012345.0)).isEqualTo("123456789012345");
		assertThat(PythonText.g15(123456789012345678.0)).isEqualTo("1.23456789012346e+17");
		assertThat(PythonText.g15(0.0001)).isEqualTo("0.0001");
		assertThat(PythonText.g15(0.00001)).isEqualTo("1e-05");
		assertThat(PythonText.g15(-2.5e-7)).isEqualTo("-2.5e-07");
	}

	@Test
	void datesAndTimesAsPythonsIsoformat() {
		assertThat(PythonText.isoformat(LocalTime.of(9, 5))).isEqualTo("09:05:00");
		assertThat(PythonText.isoformat(LocalTime.of(9, 5, 1, 120_000_000))).isEqualTo("09:05:01.120000");
		assertThat(PythonText.isoformat(LocalDateTime.of(2024, 1, 2, 3, 4, 5))).isEqualTo("2024-01-02T03:04:05");
		assertThat(PythonText.isoformat(Instant.parse("2024-01-02T03:04:05Z"))).isEqualTo("2024-01-02T03:04:05+00:00");
		assertThat(PythonText.isoformat(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHours(9))))
			.isEqualTo("2024-01-02T03:04:05+09:00");
	}

	@Test
	void durationsAsPythonsTimedelta() {
		assertThat(PythonText.str(java.time.Duration.ofHours(1))).isEqualTo("1:00:00");
		assertThat(PythonText.str(java.time.Duration.ofDays(2).plusSeconds(5))).isEqualTo("2 days, 0:00:05");
		assertThat(PythonText.str(java.time.Duration.ofSeconds(-1))).isEqualTo("-1 day, 23:59:59");
		assertThat(PythonText.str(java.time.Duration.ofMillis(1500))).isEqualTo("0:00:01.500000");
		assertThat(PythonText.micros(java.time.Duration.ofSeconds(1, 999))).isEqualTo(1_000_000L);
	}

	@Test
	void strPutsASpaceBeforeTheTimeOfADatetime() {
		assertThat(PythonText.str(LocalDateTime.of(2024, 1, 2, 3, 4, 5))).isEqualTo("2024-01-02 03:04:05");
		assertThat(PythonText.str(LocalDate.of(2024, 1, 2))).isEqualTo("2024-01-02");
	}

}

package dev.tortoise.query;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.tortoise.Tortoise;
import dev.tortoise.exceptions.ValidationException;
import dev.tortoise.models.ModelMeta;
import dev.tortoise.testmodels.query.AllTypes;
import dev.tortoise.testmodels.query.Level;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValueCodecTests {

	private static final ModelMeta<AllTypes> ALL = Tortoise
		.initModels(Map.of("models", List.of("dev.tortoise.testmodels.query")))
		.meta(AllTypes.class);

	private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

	/**
	 * Rows skip the decoder for a value of the class {@code readsAsIs} names, so that decoder
	 * must hand such a value back unchanged; any other value still goes through it.
	 */
	@Test
	void aColumnReadAsIsIsOneWhoseDecoderReturnsTheDriversValueUnchanged() {
		ValueCodec codec = new ValueCodec(dev.tortoise.schema.Dialect.forEngine("h2"), true, PARIS);
		Map<Class<?>, Object> samples = Map.of(Integer.class, 7, Long.class, 7L, String.class, "x", Double.class, 1.5);
		List<String> asIs = new java.util.ArrayList<>();
		for (dev.tortoise.models.FieldMeta f : ALL.columns()) {
			Class<?> type = codec.readsAsIs(f);
			if (type != null) {
				asIs.add(f.name());
				assertThat(type).isEqualTo(codec.dbClass(f));
				Object value = samples.get(type);
				assertThat(codec.decoder(f).apply(value)).isSameAs(value);
			}
		}
		assertThat(asIs).containsExactlyInAnyOrder("id", "intValue", "bigValue", "charValue", "textValue", "doubleValue");
		assertThat(codec.decoder(ALL.field("intValue")).apply(7L)).isEqualTo(7);
		assertThat(codec.readsAsIs(ALL.field("decimalValue"))).isNull();
		assertThat(codec.readsAsIs(ALL.field("floatValue"))).isNull();
	}

	@Test
	void mysqlStoresAwareValuesInUtcWhenUseTz() {
		ValueCodec codec = new ValueCodec(dev.tortoise.schema.Dialect.forEngine("mysql"), true, PARIS);
		OffsetDateTime value = OffsetDateTime.of(2024, 1, 1, 12, 0, 0, 0, ZoneOffset.ofHours(3));
		assertThat(codec.toDb(ALL.field("offsetValue"), value)).isEqualTo(LocalDateTime.of(2024, 1, 1, 9, 0));
		Object read = codec.fromDb(ALL.field("offsetValue"), LocalDateTime.of(2024, 1, 1, 9, 0));
		assertThat(read).isEqualTo(OffsetDateTime.of(2024, 1, 1, 10, 0, 0, 0, ZoneOffset.ofHours(1)));
	}

	@Test
	void mysqlStoresLocalTimeOfTheZoneWithoutUseTz() {
		ValueCodec codec = new ValueCodec(dev.tortoise.schema.Dialect.forEngine("mysql"), false, PARIS);
		Instant instant = Instant.parse("2024-07-01T10:00:00Z");
		assertThat(codec.toDb(ALL.field("instantValue"), instant)).isEqualTo(LocalDateTime.of(2024, 7, 1, 12, 0));
		assertThat(codec.fromDb(ALL.field("instantValue"), LocalDateTime.of(2024, 7, 1, 12, 0))).isEqualTo(instant);
	}

	@Test
	void postgresBindsUtcInstantsAndNativeUuids() {
		ValueCodec codec = new ValueCodec(dev.tortoise.schema.Dialect.forEngine("postgres"), true, PARIS);
		OffsetDateTime value = OffsetDateTime.of(2024, 1, 1, 12, 0, 0, 0, ZoneOffset.ofHours(3));
		assertThat(codec.toDb(ALL.field("offsetValue"), value)).isEqualTo(value.withOffsetSameInstant(ZoneOffset.UTC));
		UUID uuid = UUID.randomUUID();
		assertThat(codec.toDb(ALL.field("uuidValue"), uuid)).isEqualTo(uuid);
		assertThat(new ValueCodec(dev.tortoise.schema.Dialect.forEngine("mysql"), true, PARIS).toDb(ALL.field("uuidValue"), uuid)).isEqualTo(uuid.toString());
	}

	@Test
	void intEnumsUseTheirValueMethod() {
		ValueCodec codec = new ValueCodec(dev.tortoise.schema.Dialect.forEngine("h2"), true, PARIS);
		assertThat(codec.toDb(ALL.field("level"), Level.HIGH)).isEqualTo((short) 20);
		assertThat(codec.fromDb(ALL.field("level"), (short) 10)).isEqualTo(Level.LOW);
		assertThatThrownBy(() -> codec.fromDb(ALL.field("level"), (short) 3)).isInstanceOf(ValidationException.class);
	}

	@Test
	void valuesThatDoNotFitAreRefusedWithTheFieldNamed() {
		ValueCodec codec = new ValueCodec(dev.tortoise.schema.Dialect.forEngine("h2"), true, PARIS);
		assertThatThrownBy(() -> codec.toDb(ALL.field("intValue"), 5_000_000_000L)).isInstanceOf(ValidationException.class)
			.hasMessageContaining("AllTypes.intValue");
		assertThatThrownBy(() -> codec.toDb(ALL.field("charValue"), "x".repeat(21))).hasMessageContaining("21 characters long").hasMessageContaining("maxLength of 20");
		assertThatThrownBy(() -> codec.toDb(ALL.field("smallValue"), 40_000)).isInstanceOf(ValidationException.class);
		assertThatThrownBy(() -> codec.toDb(ALL.field("decimalValue"), new BigDecimal("123456789.5")))
			.isInstanceOf(ValidationException.class).hasMessageContaining("digits");
		assertThatThrownBy(() -> codec.toDb(ALL.field("kind"), "NOT_A_KIND")).isInstanceOf(ValidationException.class);
		assertThat(codec.toDb(ALL.field("decimalValue"), new BigDecimal("1.23456"))).isEqualTo(new BigDecimal("1.2346"));
	}

	@Test
	void textIsReadInTheFieldsTypeAsTortoiseConvertsIt() {
		ValueCodec codec = new ValueCodec(dev.tortoise.schema.Dialect.forEngine("postgres"), true, PARIS);
		assertThat(codec.toDb(ALL.field("intValue"), " 42 ")).isEqualTo(42);
		assertThat(codec.toDb(ALL.field("bigValue"), "-7")).isEqualTo(-7L);
		assertThat(codec.toDb(ALL.field("boolValue"), "TRUE")).isEqualTo(true);
		assertThat(codec.toDb(ALL.field("boolValue"), "0")).isEqualTo(false);
		assertThat(codec.toDb(ALL.field("decimalValue"), "2.5")).isEqualTo(new BigDecimal("2.5000"));
		assertThat(codec.toDb(ALL.field("dateValue"), "2024-02-29")).isEqualTo(java.time.LocalDate.of(2024, 2, 29));
		assertThat(codec.toDb(ALL.field("offsetValue"), "2024-01-01T12:00:00+03:00"))
			.isEqualTo(OffsetDateTime.of(2024, 1, 1, 9, 0, 0, 0, ZoneOffset.UTC));
		assertThat(codec.toDb(ALL.field("offsetValue"), "2024-01-01T12:00:00"))
			.as("a local date-time is in the configured zone").isEqualTo(OffsetDateTime.of(2024, 1, 1, 11, 0, 0, 0, ZoneOffset.UTC));
		assertThat(codec.toDb(ALL.field("level"), "20")).isEqualTo((short) 20);
		assertThat(codec.toDb(ALL.field("level"), "LOW")).isEqualTo((short) 10);
		assertThat(codec.toDb(ALL.field("charValue"), " kept ")).isEqualTo(" kept ");
		assertThatThrownBy(() -> codec.toDb(ALL.field("intValue"), "forty-two")).isInstanceOf(ValidationException.class)
			.hasMessageContaining("AllTypes.intValue");
		assertThatThrownBy(() -> codec.toDb(ALL.field("boolValue"), "yes")).isInstanceOf(ValidationException.class);
		assertThatThrownBy(() -> codec.toDb(ALL.field("dateValue"), "29/02/2024")).isInstanceOf(ValidationException.class);
	}

	@Test
	void jsonIsWrittenAsTextAndReadIntoTheDeclaredType() {
		ValueCodec codec = new ValueCodec(dev.tortoise.schema.Dialect.forEngine("postgres"), true, PARIS);
		assertThat(codec.toDb(ALL.field("jsonList"), List.of(1, 2))).isEqualTo("[1,2]");
		assertThat(codec.fromDb(ALL.field("jsonMap"), "{\"a\":[1,2]}")).isEqualTo(Map.of("a", List.of(1, 2)));
		assertThatThrownBy(() -> codec.fromDb(ALL.field("jsonList"), "{")).isInstanceOf(ValidationException.class);
	}

}

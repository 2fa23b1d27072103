package dev.tortoise.types;

import java.math.BigDecimal;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.tortoise.Tortoise;
import dev.tortoise.fields.FieldType;
import dev.tortoise.models.Apps;
import dev.tortoise.models.FieldMeta;
import dev.tortoise.models.ModelMeta;
import dev.tortoise.schema.Dialect;
import dev.tortoise.testmodels.query.AllTypes;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TypeHandlerTests {

	private static final Apps APPS = Tortoise.initModels(Map.of("models", List.of("dev.tortoise.testmodels.query")));

	private static final ModelMeta<AllTypes> ALL = APPS.meta(AllTypes.class);

	private static TypeContext on(String engine) {
		return new TypeContext(Dialect.forEngine(engine), true, ZoneOffset.UTC);
	}

	@Test
	void aLocalTimeInATimetzColumnStandsAtTheConfiguredFixedOffsetElseUtc() {
		FieldMeta time = ALL.field("timeValue");
		TypeHandler handler = TypeHandler.of(FieldType.TIME);
		TypeContext tokyo = new TypeContext(Dialect.forEngine("postgres"), true, ZoneOffset.ofHours(9));
		assertThat(handler.toDb(time, LocalTime.NOON, tokyo)).isEqualTo(OffsetTime.of(LocalTime.NOON, ZoneOffset.ofHours(9)));
		assertThat(handler.fromDb(time, OffsetTime.of(3, 0, 0, 0, ZoneOffset.UTC), tokyo)).isEqualTo(LocalTime.NOON);
		TypeContext paris = new TypeContext(Dialect.forEngine("postgres"), true, java.time.ZoneId.of("Europe/Paris"));
		assertThat(handler.toDb(time, LocalTime.NOON, paris)).as("no date to choose a DST offset by")
			.isEqualTo(OffsetTime.of(LocalTime.NOON, ZoneOffset.UTC));
		assertThat(handler.fromDb(time, OffsetTime.of(12, 0, 0, 0, ZoneOffset.ofHours(9)), paris))
			.isEqualTo(LocalTime.of(3, 0));
	}

	@Test
	void everyFieldTypeHasItsHandler() {
		for (FieldType type : FieldType.values()) {
			assertThat(TypeHandler.of(type).type()).isEqualTo(type);
		}
		assertThat(TypeHandler.of(FieldType.BIGINT).tortoiseName()).isEqualTo("BigIntField");
		assertThat(TypeHandler.of(FieldType.UUID).tortoiseName()).isEqualTo("UUIDField");
		assertThat(TypeHandler.of(FieldType.DATE).tortoiseName()).isEqualTo("DateField");
	}

	@Test
	void javaTypesMapToTheirFieldTypeAndOnlyStringsInferAChar() {
		assertThat(TypeHandler.of(FieldType.INT).inferredFrom(int.class)).isTrue();
		assertThat(TypeHandler.of(FieldType.CHAR).inferredFrom(String.class)).isTrue();
		assertThat(TypeHandler.of(FieldType.TEXT).inferredFrom(String.class)).isFalse();
		assertThat(TypeHandler.of(FieldType.TEXT).accepts(String.class)).isTrue();
		assertThat(TypeHandler.of(FieldType.JSON).accepts(List.class)).isTrue();
		assertThat(TypeHandler.of(FieldType.JSON).accepts(int.class)).isFalse();
		assertThat(TypeHandler.of(FieldType.CHAR_ENUM).accepts(FieldType.class)).isTrue();
		assertThat(TypeHandler.of(FieldType.FLOAT).expected()).isEqualTo("Double, Float, double, float");
		assertThatIllegalArgumentException().isThrownBy(() -> TypeHandler.of(FieldType.BINARY).parseDefault(byte[].class, "x"));
	}

	@Test
	void aValueIsBoundAsTheDialectsDriverTakesIt() {
		FieldMeta uuid = ALL.field("uuidValue");
		UUID value = UUID.randomUUID();
		TypeHandler handler = TypeHandler.of(FieldType.UUID);
		assertThat(handler.toDb(uuid, value, on("postgres"))).isEqualTo(value);
		assertThat(handler.toDb(uuid, value, on("mysql"))).isEqualTo(value.toString());
		assertThat(handler.dbClass(uuid, on("mysql"))).isEqualTo(String.class);
		assertThat(handler.fromDb(uuid, value.toString(), on("mysql"))).isEqualTo(value);
		FieldMeta time = ALL.field("timeValue");
		Object bound = TypeHandler.of(FieldType.TIME).toDb(time, LocalTime.NOON, on("postgres"));
		assertThat(bound).isEqualTo(OffsetTime.of(LocalTime.NOON, ZoneOffset.UTC));
	}

	@Test
	void columnTypesFollowTortoisesMappingPerDialect() {
		FieldMeta decimal = ALL.field("decimalValue");
		assertThat(TypeHandler.of(FieldType.DECIMAL).sqlType(decimal, Dialect.forEngine("mysql")))
			.isEqualTo("DECIMAL(" + decimal.maxDigits() + "," + decimal.decimalPlaces() + ")");
		FieldMeta text = ALL.field("textValue");
		assertThat(TypeHandler.of(FieldType.TEXT).sqlType(text, Dialect.forEngine("mysql"))).isEqualTo("LONGTEXT");
		assertThat(TypeHandler.of(FieldType.TEXT).sqlType(text, Dialect.forEngine("postgres"))).isEqualTo("TEXT");
		assertThat(TypeHandler.of(FieldType.INT_ENUM).sqlType(ALL.field("level"), Dialect.forEngine("postgres")))
			.isEqualTo("SMALLINT");
		assertThat(TypeHandler.of(FieldType.DECIMAL).toDb(decimal, new BigDecimal("1.005"), on("h2")))
			.isEqualTo(new BigDecimal("1.005").setScale(decimal.decimalPlaces(), java.math.RoundingMode.HALF_EVEN));
	}

	@Test
	void keysBindAsArraysAndOtherTypesDoNot() {
		assertThat(List.of(FieldType.INT, FieldType.BIGINT, FieldType.CHAR, FieldType.UUID, FieldType.INT_ENUM))
			.allMatch((t) -> TypeHandler.of(t).keyLike());
		assertThat(List.of(FieldType.DECIMAL, FieldType.JSON, FieldType.DATETIME, FieldType.BOOLEAN))
			.noneMatch((t) -> TypeHandler.of(t).keyLike());
	}

}

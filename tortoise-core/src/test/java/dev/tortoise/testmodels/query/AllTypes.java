package dev.tortoise.testmodels.query;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.tortoise.fields.BigIntField;
import dev.tortoise.fields.BinaryField;
import dev.tortoise.fields.BooleanField;
import dev.tortoise.fields.CharEnumField;
import dev.tortoise.fields.CharField;
import dev.tortoise.fields.DateField;
import dev.tortoise.fields.DatetimeField;
import dev.tortoise.fields.DecimalField;
import dev.tortoise.fields.FloatField;
import dev.tortoise.fields.IntEnumField;
import dev.tortoise.fields.IntField;
import dev.tortoise.fields.JSONField;
import dev.tortoise.fields.SmallIntField;
import dev.tortoise.fields.TextField;
import dev.tortoise.fields.TimeField;
import dev.tortoise.fields.UUIDField;
import dev.tortoise.models.Model;

/** One field of every type, all nullable so that NULL round-trips too. */
@Model(table = "all_types")
public class AllTypes {

	public Integer id;

	@IntField(nullable = true)
	public Integer intValue;

	@BigIntField(nullable = true)
	public Long bigValue;

	@SmallIntField(nullable = true)
	public Short smallValue;

	@CharField(maxLength = 20, nullable = true)
	public String charValue;

	@TextField(nullable = true)
	public String textValue;

	@BooleanField(nullable = true)
	public Boolean boolValue;

	@DecimalField(maxDigits = 12, decimalPlaces = 4, nullable = true)
	public BigDecimal decimalValue;

	@FloatField(nullable = true)
	public Double doubleValue;

	@FloatField(nullable = true)
	public Float floatValue;

	@DatetimeField(nullable = true)
	public OffsetDateTime offsetValue;

	@DatetimeField(nullable = true)
	public Instant instantValue;

	@DatetimeField(nullable = true)
	public LocalDateTime localValue;

	@DatetimeField(nullable = true)
	public ZonedDateTime zonedValue;

	@DateField(nullable = true)
	public LocalDate dateValue;

	@TimeField(nullable = true)
	public LocalTime timeValue;

	@UUIDField(nullable = true)
	public UUID uuidValue;

	@JSONField(nullable = true)
	public Map<String, Object> jsonMap;

	@JSONField(nullable = true)
	public List<Integer> jsonList;

	@JSONField(nullable = true, codec = PointCodec.class)
	public Point point;

	@JSONField(nullable = true)
	public String jsonText;

	@BinaryField(nullable = true)
	public byte[] binaryValue;

	@CharEnumField(nullable = true)
	public Kind kind;

	@IntEnumField(nullable = true)
	public Level level;

	@CharEnumField(nullable = true)
	public TicketState state;

}

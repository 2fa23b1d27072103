package dev.tortoise.testmodels.query;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;

import dev.tortoise.fields.BooleanField;
import dev.tortoise.fields.CharEnumField;
import dev.tortoise.fields.CharField;
import dev.tortoise.fields.DateField;
import dev.tortoise.fields.DatetimeField;
import dev.tortoise.fields.DecimalField;
import dev.tortoise.fields.FloatField;
import dev.tortoise.fields.IntEnumField;
import dev.tortoise.fields.IntField;
import dev.tortoise.fields.TextField;
import dev.tortoise.fields.TimeDeltaField;
import dev.tortoise.fields.TimeField;
import dev.tortoise.models.Model;

/** Every kind of column default Tortoise writes into the schema. */
@Model
public class Wallet {

	public Integer id;

	@CharField(maxLength = 50)
	public String owner;

	@CharField(maxLength = 3, defaultValue = "EUR")
	public String currency;

	@BooleanField(defaultValue = "true")
	public Boolean active;

	@IntField(defaultValue = "0")
	public Integer balance;

	@FloatField(defaultValue = "1.5")
	public Double rate;

	@DecimalField(maxDigits = 10, decimalPlaces = 2, defaultValue = "0.50")
	public BigDecimal fee;

	@CharEnumField(defaultValue = "open")
	public TicketState state;

	@IntEnumField(defaultValue = "HIGH")
	public Level level;

	@DateField(defaultValue = "2024-01-31")
	public LocalDate opened;

	/** Tortoise writes no default for text: left nullable so that other writers can omit it. */
	@TextField(nullable = true, defaultValue = "none")
	public String notes;

	@TimeDeltaField(defaultValue = "PT1H")
	public Duration grace;

	@DatetimeField(autoNowAdd = true)
	public OffsetDateTime created;

	@DatetimeField(autoNow = true)
	public OffsetDateTime modified;

	@TimeField(autoNowAdd = true)
	public LocalTime openedAt;

	@TimeField(autoNow = true)
	public LocalTime touchedAt;

}

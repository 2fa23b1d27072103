package dev.tortoise.testmodels.clock;

import java.time.OffsetDateTime;

import dev.tortoise.fields.CharField;
import dev.tortoise.fields.DatetimeField;
import dev.tortoise.models.Model;

/** A datetime given by the caller and one the ORM sets, as Tortoise's created/modified fields. */
@Model
public class Stamp {

	public Integer id;

	@CharField(maxLength = 20)
	public String label;

	@DatetimeField(nullable = true)
	public OffsetDateTime at;

	@DatetimeField(autoNow = true)
	public OffsetDateTime touched;

}

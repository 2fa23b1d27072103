package dev.tortoise.testmodels.described;

import java.time.OffsetDateTime;

import dev.tortoise.fields.CharField;
import dev.tortoise.fields.DatetimeField;
import dev.tortoise.fields.IntField;
import dev.tortoise.fields.ReverseRelation;
import dev.tortoise.models.Model;

/** Tortoise's {@code tests/test_early_init.py} Tournament. */
@Model(ordering = "name")
public class Tournament {

	@IntField(pk = true)
	public Integer id;

	@CharField(maxLength = 100)
	public String name;

	@DatetimeField(autoNowAdd = true)
	public OffsetDateTime createdAt;

	public ReverseRelation<Event> events;

}

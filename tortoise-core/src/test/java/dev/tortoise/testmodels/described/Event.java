package dev.tortoise.testmodels.described;

import java.time.OffsetDateTime;

import dev.tortoise.fields.CharField;
import dev.tortoise.fields.DatetimeField;
import dev.tortoise.fields.ForeignKeyField;
import dev.tortoise.fields.IntField;
import dev.tortoise.fields.ManyToManyField;
import dev.tortoise.fields.ManyToManyRelation;
import dev.tortoise.models.Model;

/** Tortoise's {@code tests/test_early_init.py} Event, with a many-to-many to show both sides. */
@Model(description = "The Event model docstring.", ordering = "name")
public class Event {

	@IntField(pk = true)
	public Integer id;

	@CharField(maxLength = 255, description = "The Event NAME")
	public String name;

	@DatetimeField(autoNowAdd = true)
	public OffsetDateTime createdAt;

	@ForeignKeyField(value = "models.Tournament", relatedName = "events", nullable = true)
	public Tournament tournament;

	@ManyToManyField(value = "models.Event", relatedName = "followers")
	public ManyToManyRelation<Event> follows;

}

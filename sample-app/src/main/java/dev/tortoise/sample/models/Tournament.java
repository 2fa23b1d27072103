package dev.tortoise.sample.models;

import java.time.OffsetDateTime;

import dev.tortoise.fields.CharField;
import dev.tortoise.fields.DatetimeField;
import dev.tortoise.fields.ReverseRelation;
import dev.tortoise.models.Model;

@Model(description = "Tournaments")
public class Tournament {

	public Long id;

	@CharField(maxLength = 255, index = true)
	public String name;

	@DatetimeField(autoNowAdd = true)
	public OffsetDateTime created;

	public ReverseRelation<Event> events;

}

package dev.tortoise.sample.models;

import dev.tortoise.fields.CharField;
import dev.tortoise.fields.ManyToManyRelation;
import dev.tortoise.models.Model;

@Model
public class Team {

	public Long id;

	@CharField(maxLength = 100, unique = true)
	public String name;

	public ManyToManyRelation<Event> events;

}

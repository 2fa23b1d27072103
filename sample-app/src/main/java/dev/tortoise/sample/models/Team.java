package dev.tortoise.sample.models;

import dev.tortoise.fields.CharField;
import dev.tortoise.fields.ManyToManyRelation;
import dev.tortoise.models.Model;

@Model
public class Team {

	Long id;

	@CharField(maxLength = 100, unique = true)
	String name;

	ManyToManyRelation<Event> events;

}

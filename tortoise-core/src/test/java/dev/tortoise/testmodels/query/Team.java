package dev.tortoise.testmodels.query;

import dev.tortoise.fields.CharField;
import dev.tortoise.fields.ManyToManyRelation;
import dev.tortoise.models.Model;

@Model
public class Team {

	public Integer id;

	@CharField(maxLength = 50, unique = true)
	public String name;

	public ManyToManyRelation<Event> events;

	public Address address;

	public Team() {
	}

	public Team(String name) {
		this.name = name;
	}

}

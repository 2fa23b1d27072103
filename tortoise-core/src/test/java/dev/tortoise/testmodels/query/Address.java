package dev.tortoise.testmodels.query;

import dev.tortoise.fields.CharField;
import dev.tortoise.fields.OneToOneField;
import dev.tortoise.models.Model;

@Model
public class Address {

	public Integer id;

	@CharField(maxLength = 100)
	public String city;

	@OneToOneField(value = "models.Team", relatedName = "address")
	public Team team;

	public Address() {
	}

	public Address(String city, Team team) {
		this.city = city;
		this.team = team;
	}

}

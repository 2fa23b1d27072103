package dev.tortoise.testmodels.schema;

import dev.tortoise.fields.CharField;
import dev.tortoise.fields.OneToOneField;
import dev.tortoise.models.Model;

@Model(description = "The Team's address")
public class TeamAddress {

	@CharField(maxLength = 50, description = "City")
	String city;

	@CharField(maxLength = 50, description = "Country")
	String country;

	@CharField(maxLength = 128, description = "Street Address")
	String street;

	@OneToOneField(value = "models.Team", relatedName = "address", pk = true)
	Team team;

}

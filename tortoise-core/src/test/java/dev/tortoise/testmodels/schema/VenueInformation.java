package dev.tortoise.testmodels.schema;

import dev.tortoise.fields.CharField;
import dev.tortoise.fields.IntField;
import dev.tortoise.fields.OnDelete;
import dev.tortoise.fields.OneToOneField;
import dev.tortoise.models.Model;

@Model
public class VenueInformation {

	Integer id;

	@CharField(maxLength = 128)
	String name;

	@IntField(description = "No. of seats")
	int capacity;

	double rent;

	@OneToOneField(value = "models.Team", onDelete = OnDelete.SET_NULL, nullable = true)
	Team team;

}

package dev.tortoise.testmodels.rows;

import dev.tortoise.fields.CharField;
import dev.tortoise.fields.ReverseRelation;
import dev.tortoise.models.Model;

@Model
public class Site {

	public Long id;

	@CharField(maxLength = 50)
	public String name;

	public ReverseRelation<Meter> meters;

}

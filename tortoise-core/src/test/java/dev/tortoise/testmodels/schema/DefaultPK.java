package dev.tortoise.testmodels.schema;

import dev.tortoise.models.Model;

@Model
public class DefaultPK {

	Integer id;

	int val;

}

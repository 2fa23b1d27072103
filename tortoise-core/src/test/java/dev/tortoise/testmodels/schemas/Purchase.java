package dev.tortoise.testmodels.schemas;

import dev.tortoise.fields.ForeignKeyField;
import dev.tortoise.models.Model;

/** A model in the connection's own schema pointing into another one. */
@Model
public class Purchase {

	public Integer id;

	public int amount;

	@ForeignKeyField(value = "models.Customer", relatedName = "purchases")
	public Customer customer;

}

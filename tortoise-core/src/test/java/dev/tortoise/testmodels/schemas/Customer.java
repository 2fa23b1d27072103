package dev.tortoise.testmodels.schemas;

import dev.tortoise.fields.CharField;
import dev.tortoise.fields.ManyToManyField;
import dev.tortoise.fields.ManyToManyRelation;
import dev.tortoise.fields.ReverseRelation;
import dev.tortoise.models.Model;

/** A model in a schema of its own (Tortoise's Meta.schema), with a many-to-many out of it. */
@Model(schema = "tortoise_sales", description = "Customers")
public class Customer {

	public Integer id;

	@CharField(maxLength = 50, index = true)
	public String name;

	@ManyToManyField(value = "models.Label", relatedName = "customers")
	public ManyToManyRelation<Label> labels;

	public ReverseRelation<Purchase> purchases;

}

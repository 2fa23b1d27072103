package dev.tortoise.testmodels.chain.v03;

import dev.tortoise.fields.*;
import dev.tortoise.models.FormerName;
import dev.tortoise.models.Index;
import dev.tortoise.models.Model;
import dev.tortoise.models.UniqueTogether;

/** Version 3 of the migration chain's item table. */
@Model
public class Item {

	public Integer id;

	@CharField(maxLength = 100)
	public String title;

	@IntField(defaultValue = "0")
	public Integer price;

	@ForeignKeyField(value = "models.Shelf", relatedName = "items", nullable = true)
	public Shelf shelf;

}

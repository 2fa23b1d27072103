package dev.tortoise.testmodels.chain.v10;

import dev.tortoise.fields.*;
import dev.tortoise.models.FormerName;
import dev.tortoise.models.Index;
import dev.tortoise.models.Model;
import dev.tortoise.models.UniqueTogether;

/** Version 10 of the migration chain's label table. */
@Model
public class Label {

	public Integer id;

	@CharField(maxLength = 40)
	public String text;

	@ForeignKeyField(value = "models.Item", relatedName = "labels")
	public Item item;

}

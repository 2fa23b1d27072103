package dev.tortoise.testmodels.chain.v01;

import dev.tortoise.fields.*;
import dev.tortoise.models.FormerName;
import dev.tortoise.models.Index;
import dev.tortoise.models.Model;
import dev.tortoise.models.UniqueTogether;

/** Version 1 of the migration chain's item table. */
@Model
public class Item {

	public Integer id;

	@CharField(maxLength = 100)
	public String title;

}

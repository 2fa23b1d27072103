package dev.tortoise.testmodels.chain.v02;

import dev.tortoise.fields.*;
import dev.tortoise.models.FormerName;
import dev.tortoise.models.Index;
import dev.tortoise.models.Model;
import dev.tortoise.models.UniqueTogether;

/** Version 2 of the migration chain's shelf table. */
@Model
public class Shelf {

	public Integer id;

	@CharField(maxLength = 50)
	public String name;

}

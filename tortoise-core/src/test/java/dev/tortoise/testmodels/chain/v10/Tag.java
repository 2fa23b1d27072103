package dev.tortoise.testmodels.chain.v10;

import dev.tortoise.fields.*;
import dev.tortoise.models.FormerName;
import dev.tortoise.models.Index;
import dev.tortoise.models.Model;
import dev.tortoise.models.UniqueTogether;

/** Version 10 of the migration chain's tag table. */
@Model
public class Tag {

	public Integer id;

	@CharField(maxLength = 30)
	public String name;

}

package dev.tortoise.testmodels.renamed;

import dev.tortoise.fields.CharField;
import dev.tortoise.models.FormerName;
import dev.tortoise.models.Model;

/** A model whose table and one column were renamed, saying their old names. */
@Model
@FormerName("tournament")
public class Competition {

	public Integer id;

	@FormerName({ "label", "title" })
	@CharField(maxLength = 100)
	public String name;

}

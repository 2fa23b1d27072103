package dev.tortoise.testmodels.unique;

import dev.tortoise.fields.CharField;
import dev.tortoise.models.Model;

/** One column unique on its own, one not. */
@Model
public class Badge {

	public Integer id;

	@CharField(maxLength = 20, unique = true)
	public String code;

	@CharField(maxLength = 20)
	public String label;

}

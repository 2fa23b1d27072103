package dev.tortoise.spring.boot.migrations.v2;

import dev.tortoise.fields.CharField;
import dev.tortoise.fields.IntField;
import dev.tortoise.models.FormerName;
import dev.tortoise.models.Model;

/** The second version: a field renamed (its rows kept) and a number with a default added. */
@Model(table = "award")
public class Award {

	public Integer id;

	@FormerName("name")
	@CharField(maxLength = 50)
	public String title;

	@IntField(defaultValue = "0")
	public Integer amount;

}

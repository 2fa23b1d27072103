package dev.tortoise.testmodels.rows;

import dev.tortoise.fields.ForeignKeyField;
import dev.tortoise.fields.IntField;
import dev.tortoise.models.Model;

/** A primitive over a nullable column, and a relation that may be NULL. */
@Model
public class Meter {

	public Long id;

	@IntField(nullable = true)
	public int reading = -1;

	@ForeignKeyField(value = "rows.Site", relatedName = "meters", nullable = true)
	public Site site;

}

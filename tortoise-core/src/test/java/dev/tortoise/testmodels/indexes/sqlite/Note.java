package dev.tortoise.testmodels.indexes.sqlite;

import dev.tortoise.fields.BooleanField;
import dev.tortoise.fields.CharField;
import dev.tortoise.models.Index;
import dev.tortoise.models.Model;

/** A partial index and a named one, which SQLite has (and H2 only the named one). */
@Model
@Index(value = "title", name = "live_titles", condition = "live = true")
public class Note {

	public Integer id;

	@CharField(maxLength = 100)
	public String title;

	@BooleanField
	public Boolean live;

}

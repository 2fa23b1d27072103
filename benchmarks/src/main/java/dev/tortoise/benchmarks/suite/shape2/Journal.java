package dev.tortoise.benchmarks.suite.shape2;

import dev.tortoise.benchmarks.suite.JournalFields;
import dev.tortoise.fields.*;
import dev.tortoise.models.Model;

/** Shape 2: the journal with a self-referencing foreign key, its backward relation and a many-to-many. */
@Model
public class Journal extends JournalFields {

	@ForeignKeyField(value = "models.Journal", relatedName = "children", nullable = true)
	public Journal parent;

	@ManyToManyField(value = "models.Journal", relatedName = "relatedFrom")
	public ManyToManyRelation<Journal> related;

	public ReverseRelation<Journal> children;

}

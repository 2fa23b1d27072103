package dev.tortoise.benchmarks.suite.shape2;

import java.time.OffsetDateTime;

import dev.tortoise.fields.*;
import dev.tortoise.models.Model;

/** Shape 2: the journal with a self-referencing foreign key, its backward relation and a many-to-many. */
@Model
public class Journal {

	public Integer id;

	@DatetimeField(autoNowAdd = true)
	public OffsetDateTime timestamp;

	@SmallIntField(index = true)
	public Short level;

	@CharField(maxLength = 255, index = true)
	public String text;

	@ForeignKeyField(value = "models.Journal", relatedName = "children", nullable = true)
	public Journal parent;

	@ManyToManyField(value = "models.Journal", relatedName = "relatedFrom")
	public ManyToManyRelation<Journal> related;

	public ReverseRelation<Journal> children;

}

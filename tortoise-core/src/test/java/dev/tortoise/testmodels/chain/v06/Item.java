package dev.tortoise.testmodels.chain.v06;

import dev.tortoise.fields.*;
import dev.tortoise.models.FormerName;
import dev.tortoise.models.Index;
import dev.tortoise.models.Model;
import dev.tortoise.models.UniqueTogether;

/** Version 6 of the migration chain's item table. */
@Model
@Index("price")
public class Item {

	public Integer id;

	@FormerName("title")
	@CharField(maxLength = 100)
	public String name;

	@IntField(defaultValue = "0")
	public Integer price;

	@ForeignKeyField(value = "models.Shelf", relatedName = "items", nullable = true)
	public Shelf shelf;

	@ManyToManyField(value = "models.Tag", relatedName = "items", through = "item_tag")
	public ManyToManyRelation<Tag> tags;

}

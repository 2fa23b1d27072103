package dev.tortoise.testmodels.indexes.mysql;

import dev.tortoise.fields.CharField;
import dev.tortoise.fields.TextField;
import dev.tortoise.models.Index;
import dev.tortoise.models.IndexType;
import dev.tortoise.models.Model;

/** MySQL's full-text indexes, and a named ordinary one. */
@Model
@Index(value = { "title", "body" }, type = IndexType.FULLTEXT)
@Index(value = "slug", name = "article_slug")
public class Article {

	public Integer id;

	@CharField(maxLength = 100)
	public String slug;

	@CharField(maxLength = 200)
	public String title;

	@TextField
	public String body;

}

package dev.tortoise.spring.boot.json.models;

import dev.tortoise.fields.CharField;
import dev.tortoise.fields.ForeignKeyField;
import dev.tortoise.models.JsonModel;
import dev.tortoise.models.Model;

/** A model whose foreign key is written as a bare key when unfetched, without its column name. */
@Model
@JsonModel(rawKeys = false)
public class Book {

	public Integer id;

	@CharField(maxLength = 50)
	public String title;

	@ForeignKeyField(value = "models.Author", relatedName = "books", nullable = true)
	public Author author;

}

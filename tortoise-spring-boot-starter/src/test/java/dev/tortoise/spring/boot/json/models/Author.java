package dev.tortoise.spring.boot.json.models;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.tortoise.fields.CharField;
import dev.tortoise.fields.ReverseRelation;
import dev.tortoise.models.JsonModel;
import dev.tortoise.models.Model;

/** A model that hides a field, ignores another by Jackson's annotation, and computes a value. */
@Model
@JsonModel(exclude = "secret", computed = "display")
public class Author {

	public Integer id;

	@CharField(maxLength = 50)
	public String name;

	@CharField(maxLength = 50, nullable = true)
	public String secret;

	@JsonIgnore
	@CharField(maxLength = 50, nullable = true)
	public String internal;

	public ReverseRelation<Book> books;

	public String display() {
		return "Author " + this.name;
	}

}

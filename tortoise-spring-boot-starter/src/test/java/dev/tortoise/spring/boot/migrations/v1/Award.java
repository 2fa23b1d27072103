package dev.tortoise.spring.boot.migrations.v1;

import dev.tortoise.fields.CharField;
import dev.tortoise.models.Model;

/** The first version of a model whose table the migrations change. */
@Model(table = "award")
public class Award {

	public Integer id;

	@CharField(maxLength = 50)
	public String name;

}

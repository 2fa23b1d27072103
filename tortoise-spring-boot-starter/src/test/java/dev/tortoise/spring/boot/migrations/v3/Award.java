package dev.tortoise.spring.boot.migrations.v3;

import dev.tortoise.fields.CharField;
import dev.tortoise.models.Model;

/** A version that adds a NOT NULL field without a default: unsafe for a table with rows. */
@Model(table = "award")
public class Award {

	public Integer id;

	@CharField(maxLength = 50)
	public String name;

	@CharField(maxLength = 20)
	public String code;

}

package dev.tortoise.testmodels.schema;

import dev.tortoise.fields.ForeignKeyField;
import dev.tortoise.fields.TextField;
import dev.tortoise.models.Model;

@Model
public class Employee {

	Integer id;

	@TextField
	String name;

	@ForeignKeyField(value = "models.Company", relatedName = "employees", toField = "uuid")
	Company company;

}

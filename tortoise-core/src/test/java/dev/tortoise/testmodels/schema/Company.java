package dev.tortoise.testmodels.schema;

import java.util.UUID;

import dev.tortoise.fields.ReverseRelation;
import dev.tortoise.fields.TextField;
import dev.tortoise.fields.UUIDField;
import dev.tortoise.models.Model;

@Model
public class Company {

	Integer id;

	@TextField
	String name;

	@UUIDField(unique = true)
	UUID uuid;

	ReverseRelation<Employee> employees;

}

package dev.tortoise.testmodels.postgres;

import java.util.List;
import java.util.UUID;

import dev.tortoise.fields.ArrayField;
import dev.tortoise.fields.TSVectorField;
import dev.tortoise.models.Index;
import dev.tortoise.models.IndexType;
import dev.tortoise.models.Model;

/** Tortoise's PostgreSQL contrib fields: arrays of several element types and a text-search vector. */
@Model
@Index(value = "search", type = IndexType.GIN)
public class Listing {

	public Integer id;

	@ArrayField
	public List<Integer> scores;

	@ArrayField(elementType = "text", nullable = true)
	public String[] tags;

	@ArrayField(elementType = "varchar(36)", nullable = true)
	public List<String> codes;

	@ArrayField(elementType = "uuid", nullable = true)
	public List<UUID> owners;

	@TSVectorField(nullable = true)
	public String search;

}

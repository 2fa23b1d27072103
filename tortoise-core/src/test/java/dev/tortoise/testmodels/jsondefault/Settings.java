package dev.tortoise.testmodels.jsondefault;

import java.util.List;
import java.util.Map;

import dev.tortoise.fields.JSONField;
import dev.tortoise.models.Model;

/** JSON fields with Tortoise's {@code default={...}} and {@code default=[...]}. */
@Model
public class Settings {

	public Integer id;

	@JSONField(defaultValue = "{\"a\": 1, \"c\": [2], \"f\": true}")
	public Map<String, Object> options;

	@JSONField(defaultValue = "[1, 2]")
	public List<Integer> numbers;

}

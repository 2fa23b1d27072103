package dev.tortoise.spring.boot.json.wrong;

import dev.tortoise.fields.CharField;
import dev.tortoise.models.JsonModel;
import dev.tortoise.models.Model;

/** A model whose JSON settings name a field it does not have. */
@Model
@JsonModel(exclude = "titel")
public class Misnamed {

	public Integer id;

	@CharField(maxLength = 20)
	public String title;

}

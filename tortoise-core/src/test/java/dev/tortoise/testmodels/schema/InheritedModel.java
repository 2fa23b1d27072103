package dev.tortoise.testmodels.schema;

import dev.tortoise.fields.TextField;
import dev.tortoise.models.Model;

@Model
public class InheritedModel extends Mixins.TwoMixin {

	@TextField
	String name;

}

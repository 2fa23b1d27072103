package dev.tortoise.testmodels.listed;

import dev.tortoise.models.Model;

@Model
public class Unlisted {

	Integer id;

}

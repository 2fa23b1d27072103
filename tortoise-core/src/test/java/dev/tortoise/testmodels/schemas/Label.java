package dev.tortoise.testmodels.schemas;

import dev.tortoise.models.Model;

/** A model in the connection's own schema at the other end of a many-to-many. */
@Model
public class Label {

	public Integer id;

	public String text;

}

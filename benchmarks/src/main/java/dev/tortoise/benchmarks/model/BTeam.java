package dev.tortoise.benchmarks.model;

import dev.tortoise.fields.CharField;
import dev.tortoise.models.Model;

@Model(table = "b_team")
public class BTeam {

	public Long id;

	@CharField(maxLength = 100)
	public String name;

}

package dev.tortoise.benchmarks.model;

import dev.tortoise.fields.CharField;
import dev.tortoise.models.Model;

@Model(table = "b_tournament")
public class BTournament {

	public Long id;

	@CharField(maxLength = 100)
	public String name;

}

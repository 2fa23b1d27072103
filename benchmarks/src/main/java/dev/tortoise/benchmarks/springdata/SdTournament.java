package dev.tortoise.benchmarks.springdata;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

@Table("b_tournament")
public class SdTournament {

	@Id
	public Long id;

	public String name;

}

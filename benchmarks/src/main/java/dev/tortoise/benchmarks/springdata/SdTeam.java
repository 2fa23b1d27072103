package dev.tortoise.benchmarks.springdata;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

@Table("b_team")
public class SdTeam {

	@Id
	public Long id;

	public String name;

}

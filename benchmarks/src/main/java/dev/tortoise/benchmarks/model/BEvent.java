package dev.tortoise.benchmarks.model;

import java.math.BigDecimal;

import dev.tortoise.fields.CharField;
import dev.tortoise.fields.DecimalField;
import dev.tortoise.fields.ForeignKeyField;
import dev.tortoise.fields.ManyToManyField;
import dev.tortoise.fields.ManyToManyRelation;
import dev.tortoise.models.Model;

@Model(table = "b_event")
public class BEvent {

	public Long id;

	@CharField(maxLength = 100)
	public String name;

	@DecimalField(maxDigits = 10, decimalPlaces = 2)
	public BigDecimal prize;

	public int score;

	@ForeignKeyField(value = "bench.BTournament", relatedName = "events")
	public BTournament tournament;

	@ManyToManyField(value = "bench.BTeam", relatedName = "events", through = "b_event_team",
			forwardKey = "team_id", backwardKey = "event_id")
	public ManyToManyRelation<BTeam> participants;

	public BEvent() {
	}

	public BEvent(String name, BigDecimal prize, int score, BTournament tournament) {
		this.name = name;
		this.prize = prize;
		this.score = score;
		this.tournament = tournament;
	}

}

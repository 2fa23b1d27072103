package dev.tortoise.sample.models;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import dev.tortoise.fields.CharField;
import dev.tortoise.fields.DatetimeField;
import dev.tortoise.fields.DecimalField;
import dev.tortoise.fields.ForeignKeyField;
import dev.tortoise.fields.ManyToManyField;
import dev.tortoise.fields.ManyToManyRelation;
import dev.tortoise.models.Model;
import dev.tortoise.models.UniqueTogether;

@Model(description = "Events of a tournament")
@UniqueTogether({ "tournament", "name" })
public class Event {

	public Long id;

	@CharField(maxLength = 255)
	public String name;

	@ForeignKeyField(value = "models.Tournament", relatedName = "events")
	public Tournament tournament;

	@ManyToManyField(value = "models.Team", relatedName = "events", through = "event_team")
	public ManyToManyRelation<Team> participants;

	@DecimalField(maxDigits = 10, decimalPlaces = 2, nullable = true)
	public BigDecimal prize;

	@DatetimeField(autoNow = true)
	public OffsetDateTime modified;

}

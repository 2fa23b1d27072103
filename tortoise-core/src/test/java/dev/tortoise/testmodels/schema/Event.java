package dev.tortoise.testmodels.schema;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import dev.tortoise.fields.BigIntField;
import dev.tortoise.fields.CharField;
import dev.tortoise.fields.DatetimeField;
import dev.tortoise.fields.DecimalField;
import dev.tortoise.fields.ForeignKeyField;
import dev.tortoise.fields.ManyToManyField;
import dev.tortoise.fields.ManyToManyRelation;
import dev.tortoise.fields.TextField;
import dev.tortoise.models.Model;
import dev.tortoise.models.UniqueTogether;

@Model(description = "This table contains a list of all the events")
@UniqueTogether({ "name", "prize" })
@UniqueTogether({ "tournament", "key" })
public class Event {

	@BigIntField(pk = true, description = "Event ID")
	Long id;

	@TextField
	String name;

	@ForeignKeyField(value = "models.Tournament", relatedName = "events", description = "FK to tournament")
	Tournament tournament;

	@ManyToManyField(value = "models.Team", relatedName = "events", through = "teamevents",
			description = "How participants relate")
	ManyToManyRelation<Team> participants;

	@DatetimeField(autoNow = true)
	OffsetDateTime modified;

	@DecimalField(maxDigits = 10, decimalPlaces = 2, nullable = true)
	BigDecimal prize;

	@CharField(maxLength = 100, description = "Unique token", unique = true)
	String token;

	@CharField(maxLength = 100)
	String key;

}

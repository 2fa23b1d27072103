package dev.tortoise.testmodels.schema;

import java.time.OffsetDateTime;

import dev.tortoise.fields.CharField;
import dev.tortoise.fields.DatetimeField;
import dev.tortoise.fields.ReverseRelation;
import dev.tortoise.fields.SmallIntField;
import dev.tortoise.models.Model;

@Model(description = "What Tournaments */'`/* we have")
public class Tournament {

	@SmallIntField(pk = true)
	Short tid;

	@CharField(maxLength = 100, description = "Tournament name", index = true)
	String name;

	@DatetimeField(autoNowAdd = true, description = "Created */'`/* datetime")
	OffsetDateTime created;

	ReverseRelation<Event> events;

}

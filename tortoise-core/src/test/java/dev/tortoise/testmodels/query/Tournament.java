package dev.tortoise.testmodels.query;

import java.time.OffsetDateTime;

import dev.tortoise.fields.CharField;
import dev.tortoise.fields.DatetimeField;
import dev.tortoise.fields.ReverseRelation;
import dev.tortoise.fields.TextField;
import dev.tortoise.models.Model;

@Model
public class Tournament {

	public Integer id;

	@CharField(maxLength = 100)
	public String name;

	@TextField(nullable = true)
	public String notes;

	@DatetimeField(autoNowAdd = true)
	public OffsetDateTime created;

	public ReverseRelation<Event> events;

	/** Not mapped: filled by an annotation of this name. */
	public transient Long eventCount;

	public Tournament() {
	}

	public Tournament(String name) {
		this.name = name;
	}

}

package dev.tortoise.testmodels.schema;

import dev.tortoise.fields.CharField;
import dev.tortoise.fields.ForeignKeyField;
import dev.tortoise.fields.IntField;
import dev.tortoise.fields.ManyToManyField;
import dev.tortoise.fields.ManyToManyRelation;
import dev.tortoise.fields.ReverseRelation;
import dev.tortoise.models.Index;
import dev.tortoise.models.Model;

@Model(description = "The TEAMS!")
@Index({ "manager", "key" })
@Index({ "manager_id", "name" })
public class Team {

	@CharField(maxLength = 50, pk = true, description = "The TEAM name (and PK)")
	String name;

	@IntField
	int key;

	@ForeignKeyField(value = "models.Team", relatedName = "team_members", nullable = true)
	Team manager;

	@ManyToManyField(value = "models.Team", relatedName = "gets_talked_to")
	ManyToManyRelation<Team> talksTo;

	ManyToManyRelation<Event> events;

	ReverseRelation<Team> team_members;

	TeamAddress address;

}

package dev.tortoise.testmodels.query;

public enum Kind {

	SINGLE, DOUBLE, TEAM_RELAY

}

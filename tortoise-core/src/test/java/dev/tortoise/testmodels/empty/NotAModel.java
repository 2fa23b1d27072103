package dev.tortoise.testmodels.empty;

/** A package with classes but no model: discovery warns and finds nothing. */
public class NotAModel {

	Integer id;

}

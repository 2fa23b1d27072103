package dev.tortoise.testmodels.query;

/** A value a JSON codec writes as an array, where Jackson would write an object. */
public record Point(int x, int y) {
}

package dev.tortoise.testmodels.query;

/** An int enum with explicit stored values. */
public enum Level {

	LOW(10), HIGH(20);

	private final int value;

	Level(int value) {
		this.value = value;
	}

	public int value() {
		return this.value;
	}

}

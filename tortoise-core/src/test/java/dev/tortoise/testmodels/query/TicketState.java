package dev.tortoise.testmodels.query;

/** A char enum whose stored values are not its names, as a Python {@code str} enum's. */
public enum TicketState {

	OPEN("open"), IN_PROGRESS("in progress"), CLOSED("closed");

	private final String value;

	TicketState(String value) {
		this.value = value;
	}

	public String value() {
		return this.value;
	}

}

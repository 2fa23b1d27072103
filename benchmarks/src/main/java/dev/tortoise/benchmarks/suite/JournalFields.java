package dev.tortoise.benchmarks.suite;

import java.time.OffsetDateTime;

import dev.tortoise.fields.CharField;
import dev.tortoise.fields.DatetimeField;
import dev.tortoise.fields.SmallIntField;

/** The fields every shape of the suite's journal has (Tortoise's model of test 1), as a mixin. */
public abstract class JournalFields {

	public Integer id;

	@DatetimeField(autoNowAdd = true)
	public OffsetDateTime timestamp;

	@SmallIntField(index = true)
	public Short level;

	@CharField(maxLength = 255, index = true)
	public String text;

}

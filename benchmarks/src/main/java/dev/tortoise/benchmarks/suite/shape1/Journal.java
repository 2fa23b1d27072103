package dev.tortoise.benchmarks.suite.shape1;

import java.time.OffsetDateTime;

import dev.tortoise.fields.*;
import dev.tortoise.models.Model;

/** Shape 1 of Tortoise's orm-benchmarks: the simple journal (4 fields). */
@Model
public class Journal {

	public Integer id;

	@DatetimeField(autoNowAdd = true)
	public OffsetDateTime timestamp;

	@SmallIntField(index = true)
	public Short level;

	@CharField(maxLength = 255, index = true)
	public String text;

}

package dev.tortoise.testmodels.query;

import dev.tortoise.fields.CharField;
import dev.tortoise.fields.IntField;
import dev.tortoise.fields.MaxLength;
import dev.tortoise.fields.MaxValue;
import dev.tortoise.fields.MinLength;
import dev.tortoise.fields.MinValue;
import dev.tortoise.fields.Regex;
import dev.tortoise.fields.Validator;
import dev.tortoise.fields.Validators;
import dev.tortoise.models.Model;

/** Tortoise's validators on fields, and a default ordering. */
@Model(ordering = { "-age", "handle" })
public class Member {

	public Integer id;

	@MinLength(2)
	@MaxLength(8)
	@Regex("[a-z]+")
	@CharField(maxLength = 20)
	public String handle;

	@MinValue("0")
	@MaxValue("150")
	@IntField
	public Integer age;

	@Validators(Even.class)
	@IntField(nullable = true)
	public Integer seats;

	/** A custom validator. */
	public static final class Even implements Validator<Integer> {

		@Override
		public void validate(Integer value) {
			if (value % 2 != 0) {
				throw new IllegalArgumentException(value + " is not even");
			}
		}

	}

}

package dev.tortoise.models;

import java.util.List;
import java.util.Map;

import dev.tortoise.exceptions.ConfigurationException;
import dev.tortoise.exceptions.ValidationException;
import dev.tortoise.fields.MinValue;
import dev.tortoise.fields.Regex;
import dev.tortoise.testmodels.query.Member;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Validators with Tortoise's messages, checked before any SQL. */
class FieldChecksTests {

	private static final ModelMeta<Member> MEMBER = Apps
		.discover(Map.of("models", List.of(Member.class.getName())), null, null)
		.meta(Member.class);

	@Test
	void lengthsCountCodePointsAsPythonsLen() {
		FieldMeta handle = MEMBER.field("handle");
		assertThatThrownBy(() -> handle.validate("a")).isInstanceOf(ValidationException.class)
			.hasMessage("Member.handle: Length of 'a' 1 < 2");
		assertThatThrownBy(() -> handle.validate("abcdefghi")).hasMessage("Member.handle: Length of 'abcdefghi' 9 > 8");
		assertThatCode(() -> handle.validate("ab1")).as("matched from the start only, as re.match")
			.doesNotThrowAnyException();
		assertThatThrownBy(() -> handle.validate("1ab")).hasMessage("Member.handle: Value '1ab' does not match regex '[a-z]+'");
		assertThatCode(() -> handle.validate("a" + "\uD83D\uDC22".repeat(5))).as("6 code points, 11 UTF-16 units")
			.doesNotThrowAnyException();
	}

	@Test
	void boundsOfNumbers() {
		FieldMeta age = MEMBER.field("age");
		assertThatThrownBy(() -> age.validate(-1)).hasMessage("Member.age: Value should be greater or equal to 0");
		assertThatThrownBy(() -> age.validate(151)).hasMessage("Member.age: Value should be less or equal to 150");
		assertThatCode(() -> age.validate(150)).doesNotThrowAnyException();
		assertThatCode(() -> age.validate(null)).as("null is the nullable check's business").doesNotThrowAnyException();
	}

	@Test
	void customValidatorsRunInOrder() {
		assertThatThrownBy(() -> MEMBER.field("seats").validate(3)).isInstanceOf(ValidationException.class)
			.hasMessage("Member.seats: 3 is not even");
		assertThat(MEMBER.field("seats").checks()).hasSize(1);
	}

	@dev.tortoise.models.Model
	static class BadBound {

		Integer id;

		@MinValue("ten")
		Integer size;

	}

	@dev.tortoise.models.Model
	static class BadRegex {

		Integer id;

		@Regex("[a-")
		String code;

	}

	@Test
	void badValidatorsAreConfigurationErrorsNamingTheField() {
		assertThatThrownBy(() -> Apps.discover(Map.of("models", List.of(BadBound.class.getName())), null, null))
			.isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("BadBound.size has @MinValue(\"ten\"), which is not a number");
		assertThatThrownBy(() -> Apps.discover(Map.of("models", List.of(BadRegex.class.getName())), null, null))
			.isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("BadRegex.code has @Regex(\"[a-\"), which is not a valid regular expression");
	}

}

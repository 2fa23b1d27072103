package dev.tortoise.spring.boot.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The drivers' own messages, as each database words them, reduced to the constraint. */
class ConstraintViolationsTests {

	@Test
	void postgresql() {
		assertThat(ConstraintViolations.describe("duplicate key value violates unique constraint \"team_name_key\""))
			.isEqualTo("the unique constraint team_name_key");
		assertThat(ConstraintViolations.describe("insert or update on table \"event\" violates foreign key constraint"
				+ " \"event_tournament_id_fkey\"")).isEqualTo("the foreign key constraint event_tournament_id_fkey");
		assertThat(ConstraintViolations.describe("null value in column \"name\" of relation \"team\" violates not-null"
				+ " constraint")).isEqualTo("the required column name");
	}

	@Test
	void mariaDb() {
		assertThat(ConstraintViolations.describe("Duplicate entry 'Red' for key 'name'")).isEqualTo("the unique key name");
		assertThat(ConstraintViolations.describe("Cannot add or update a child row: a foreign key constraint fails"
				+ " (`test`.`event`, CONSTRAINT `fk_event_tourname_51c2b82d` FOREIGN KEY (`tournament_id`))"))
			.isEqualTo("the foreign key fk_event_tourname_51c2b82d");
	}

	@Test
	void h2AndSqlite() {
		assertThat(ConstraintViolations.describe("Unique index or primary key violation: \"PUBLIC.CONSTRAINT_INDEX_3 ON"
				+ " PUBLIC.TEAM(NAME NULLS FIRST) VALUES ( /* 1 */ 'Red' )\"; SQL statement: INSERT INTO ..."))
			.isEqualTo("the unique index on team(name)");
		assertThat(ConstraintViolations.describe("Unique index or primary key violation: \"PUBLIC.CONSTRAINT_27 INDEX"
				+ " PUBLIC.CONSTRAINT_INDEX_2 ON PUBLIC.TEAM(NAME NULLS FIRST) VALUES ( /* 1 */ 'a' )\"; SQL statement:"))
			.as("H2 2.x").isEqualTo("the unique index on team(name)");
		assertThat(ConstraintViolations.describe("[SQLITE_CONSTRAINT_UNIQUE] A UNIQUE constraint failed"
				+ " (UNIQUE constraint failed: team.name)")).isEqualTo("the unique constraint on team.name");
		assertThat(ConstraintViolations.describe("something else entirely")).isEqualTo("a constraint of the database");
	}

}

package dev.tortoise.schema;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.tortoise.exceptions.ParamsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Migrations written from a diff, in Flyway's naming, destructive ones only when asked. */
class SchemaDiffTests {

	@Test
	void migrationsAreNumberedAfterTheLastOneInTheFolder(@TempDir Path folder) throws Exception {
		SchemaDiff add = new SchemaDiff(List.of("ALTER TABLE \"event\" ADD COLUMN \"prize\" DECIMAL(10,2);"), List.of());
		Path first = add.writeMigration(folder, "add prize!", false);
		assertThat(first.getFileName().toString()).isEqualTo("V1__add_prize.sql");
		assertThat(Files.readString(first)).contains("ALTER TABLE \"event\" ADD COLUMN \"prize\" DECIMAL(10,2);");
		Files.writeString(folder.resolve("V7__by_hand.sql"), "SELECT 1;");
		Files.writeString(folder.resolve("notes.txt"), "not a migration");
		assertThat(add.writeMigration(folder, "again", false).getFileName().toString()).isEqualTo("V8__again.sql");
	}

	@Test
	void emptyAndDestructiveDiffsAreRefusedUnlessAsked(@TempDir Path folder) throws Exception {
		assertThatThrownBy(() -> new SchemaDiff(List.of(), List.of()).writeMigration(folder, "x", false))
			.isInstanceOf(ParamsException.class).hasMessageContaining("no migration to write");
		String drop = "ALTER TABLE \"event\" DROP COLUMN \"legacy\";";
		SchemaDiff destructive = new SchemaDiff(List.of(drop), List.of(drop));
		assertThatThrownBy(() -> destructive.writeMigration(folder, "drop legacy", false))
			.isInstanceOf(ParamsException.class).hasMessageContaining(drop).hasMessageContaining("allowDestructive");
		assertThat(Files.list(folder).count()).as("nothing written").isZero();
		assertThat(Files.readString(destructive.writeMigration(folder, "drop legacy", true))).contains(drop);
		assertThatThrownBy(() -> new SchemaDiff(List.of("SELECT 1;"), List.of()).writeMigration(folder, "!!", false))
			.isInstanceOf(ParamsException.class).hasMessageContaining("description");
	}

}

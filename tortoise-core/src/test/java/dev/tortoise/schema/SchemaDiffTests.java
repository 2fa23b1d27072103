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


	@Test
	void renamesDeclaredOnTheModelRenameInsteadOfDroppingAndAdding() {
		List<dev.tortoise.models.ModelMeta<?>> models = List.copyOf(dev.tortoise.Tortoise
			.initModels(java.util.Map.of("models", List.of("dev.tortoise.testmodels.renamed"))).all());
		SchemaGenerator postgres = new SchemaGenerator(Dialect.forEngine("postgres"));
		SchemaDiff renamed = postgres.diff(models, java.util.Map.of("tournament", java.util.Set.of("id", "title")));
		assertThat(renamed.statements()).containsExactly("ALTER TABLE \"tournament\" RENAME TO \"competition\";",
				"ALTER TABLE \"competition\" RENAME COLUMN \"title\" TO \"name\";");
		assertThat(renamed.destructive()).isEmpty();
		assertThat(postgres.diff(models, java.util.Map.of("competition", java.util.Set.of("id", "name"))).isEmpty())
			.as("already renamed").isTrue();
		SchemaDiff both = postgres.diff(models, java.util.Map.of("competition", java.util.Set.of("id", "label", "title")));
		assertThat(both.statements()).as("the newest old name wins; the other is the models' no longer")
			.containsExactly("ALTER TABLE \"competition\" RENAME COLUMN \"label\" TO \"name\";",
					"ALTER TABLE \"competition\" DROP COLUMN \"title\";");
		assertThat(new SchemaGenerator(Dialect.forEngine("mysql")).diff(models,
				java.util.Map.of("tournament", java.util.Set.of("id", "title"))).statements())
			.containsExactly("ALTER TABLE `tournament` RENAME TO `competition`;",
					"ALTER TABLE `competition` RENAME COLUMN `title` TO `name`;");
	}

}

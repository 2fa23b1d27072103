package dev.tortoise.spring.boot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.tortoise.TortoiseContext;
import dev.tortoise.connection.JdbcTarget;
import dev.tortoise.exceptions.ConfigurationException;
import dev.tortoise.exceptions.OperationalException;
import dev.tortoise.schema.SchemaDiff;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.io.ResourceLoader;

/**
 * Each connection's versioned migrations: applied by Flyway over JDBC (the URL and user
 * derived from the connection's own, the password never logged), written by the make command
 * from {@code ctx.schemaDiff}, and started by the baseline command from the models' schema.
 * Only connections that hold models are migrated.
 */
public final class TortoiseMigrations {

	private static final Logger logger = LoggerFactory.getLogger(TortoiseMigrations.class);

	/** The first migration of a database adopted as it is. */
	static final String BASELINE = "V1__baseline.sql";

	private final TortoiseProperties.Migrations settings;

	private final ResourceLoader resources;

	public TortoiseMigrations(TortoiseProperties.Migrations settings, ResourceLoader resources) {
		this.settings = settings;
		this.resources = resources;
	}

	/**
	 * Applies every connection's pending migrations, in order. A database that holds tables
	 * but no migration history is adopted at version 1 when the first migration is the
	 * baseline, and refused otherwise.
	 * @return the number of migrations applied
	 * @throws OperationalException naming the connection, the migration and the statement that failed
	 */
	public int migrate(TortoiseContext ctx) {
		int applied = 0;
		for (String connection : connectionsWithModels(ctx)) {
			JdbcTarget target = ctx.connections().jdbc(connection);
			String location = location(connection);
			Flyway flyway = Flyway.configure(this.resources.getClassLoader())
				.dataSource(target.url(), target.user(), target.password())
				.locations(location)
				.placeholderReplacement(false)
				.baselineOnMigrate(hasBaseline(location))
				.baselineVersion("1")
				.baselineDescription("baseline")
				.failOnMissingLocations(false)
				.load();
			try {
				MigrateResult result = flyway.migrate();
				applied += result.migrationsExecuted;
				logger.info("Tortoise migrations of connection \"{}\" from {}: {} applied, schema at version {}",
						connection, location, result.migrationsExecuted,
						(result.targetSchemaVersion != null) ? result.targetSchemaVersion : result.initialSchemaVersion);
			}
			catch (FlywayException ex) {
				throw new OperationalException("The migrations of connection \"" + connection + "\" from " + location
						+ " failed: " + hidden(ex.getMessage() + statement(ex), target) + advice(ex, ctx, connection), ex);
			}
		}
		return applied;
	}

	/**
	 * The make command: applies the migrations there are, then writes each connection's
	 * difference from its models as its next migration. Connections already up to date get none.
	 * @return the files written
	 * @throws dev.tortoise.exceptions.ParamsException if a difference cannot be migrated safely
	 * (naming table and column and the ways out) or drops what {@code allow-destructive} does not allow
	 */
	public List<Path> make(TortoiseContext ctx, String description) {
		migrate(ctx);
		List<Path> written = new ArrayList<>();
		for (String connection : connectionsWithModels(ctx)) {
			SchemaDiff diff = ctx.schemaDiff(connection).block();
			if (diff == null || diff.isEmpty()) {
				logger.info("Connection \"{}\" matches its models: no migration to write.", connection);
				continue;
			}
			try {
				Path file = diff.writeMigration(folder(connection), description, this.settings.isAllowDestructive());
				logger.info("Wrote {} for connection \"{}\": review it, then restart to apply it.\n{}", file.toAbsolutePath(),
						connection, String.join("\n", diff.statements()));
				written.add(file);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not write the migration of connection \"" + connection + "\" to "
						+ folder(connection).toAbsolutePath() + ": " + ex.getMessage(), ex);
			}
		}
		return written;
	}

	/**
	 * The baseline command: writes each connection's schema, as its models define it, as
	 * {@code V1__baseline.sql}. A database that holds tables must already match the models.
	 * @return the files written
	 * @throws ConfigurationException if a connection's folder already holds migrations, or its
	 * database holds tables that differ from the models
	 */
	public List<Path> baseline(TortoiseContext ctx) {
		List<Path> written = new ArrayList<>();
		for (String connection : connectionsWithModels(ctx)) {
			Path folder = folder(connection);
			if (Files.isDirectory(folder) && !list(folder).isEmpty()) {
				throw new ConfigurationException("The migrations folder of connection \"" + connection + "\" ("
						+ folder.toAbsolutePath() + ") already holds migrations: a baseline starts an empty one. Make"
						+ " the next migration with tortoise.migrations.make instead.");
			}
			SchemaDiff diff = ctx.schemaDiff(connection).block();
			List<String> create = ctx.schemaStatements(connection);
			boolean empty = diff != null && diff.statements().containsAll(create.stream()
				.filter((sql) -> sql.startsWith("CREATE TABLE")).toList());
			if (diff != null && !diff.isEmpty() && !empty) {
				throw new ConfigurationException("The database of connection \"" + connection + "\" differs from the"
						+ " models, so a baseline of the models would not describe it:\n" + String.join("\n",
								diff.statements()) + "\nMake the baseline from the models that created the database,"
						+ " or bring the database in line first.");
			}
			try {
				Files.createDirectories(folder);
				Path file = folder.resolve(BASELINE);
				Files.writeString(file, "-- Tortoise for Java: the schema of the models, as generate-schemas creates it.\n"
						+ String.join("\n", create) + "\n");
				logger.info("Wrote {} for connection \"{}\".", file.toAbsolutePath(), connection);
				written.add(file);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not write the baseline of connection \"" + connection + "\": "
						+ ex.getMessage(), ex);
			}
		}
		return written;
	}

	private static List<Path> list(Path folder) {
		try (var files = Files.list(folder)) {
			return files.filter((f) -> f.getFileName().toString().endsWith(".sql")).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static List<String> connectionsWithModels(TortoiseContext ctx) {
		return ctx.connections().names().stream()
			.filter((name) -> ctx.apps().all().stream().anyMatch((m) -> name.equals(m.connection())))
			.toList();
	}

	String location(String connection) {
		return this.settings.getLocation().replace("{connection}", connection);
	}

	Path folder(String connection) {
		return Path.of(this.settings.getFolder().replace("{connection}", connection));
	}

	private boolean hasBaseline(String location) {
		if (location.startsWith("filesystem:")) {
			return Files.exists(Path.of(location.substring("filesystem:".length())).resolve(BASELINE));
		}
		String path = location.startsWith("classpath:") ? location : "classpath:" + location;
		return this.resources.getResource(path + "/" + BASELINE).exists();
	}

	/** The statement that failed and the database's reason, where Flyway's message has only the script's name. */
	private static String statement(FlywayException ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof org.flywaydb.core.internal.sqlscript.FlywaySqlScriptException script
					&& script.getStatement() != null && !String.valueOf(ex.getMessage()).contains(script.getStatement())) {
				Throwable reason = script.getCause();
				return ". Line " + script.getLineNumber() + ": " + script.getStatement().strip()
						+ ((reason != null) ? " (" + reason.getMessage().strip() + ")" : "");
			}
		}
		return "";
	}

	/** Flyway's message with the password taken out, should a driver have put it there. */
	private static String hidden(String message, JdbcTarget target) {
		String text = (message != null) ? message.strip() : "";
		return (target.password() != null && !target.password().isEmpty()) ? text.replace(target.password(), "******")
				: text;
	}

	private static String advice(FlywayException ex, TortoiseContext ctx, String connection) {
		String message = String.valueOf(ex.getMessage());
		if (message.contains("non-empty schema")) {
			return " The database holds tables but no migration history: run once with"
					+ " --tortoise.migrations.baseline=true to start the migrations from the schema it has.";
		}
		if (!ctx.connections().dialect(connection).transactionalDdl()) {
			return " This database commits each DDL statement as it runs: the statements of the failed migration before"
					+ " the one named above stay applied. Undo them or finish the migration by hand, fix the file, and"
					+ " remove the failed row from flyway_schema_history before the next start.";
		}
		return " The failed migration was rolled back whole: the schema is as it was before it.";
	}

}

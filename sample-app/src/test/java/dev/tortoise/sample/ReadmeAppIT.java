package dev.tortoise.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A new user's first application, built the way the README says: its {@code pom.xml} is the
 * README's block verbatim (Spring Boot's parent, the starter, the Netty pin), its models and
 * controller are the README's code blocks; it is packaged by Maven on its own, started with
 * {@code java -jar}, and asked for a tournament over HTTP, which the starter's Jackson module
 * writes as JSON.
 */
class ReadmeAppIT {

	private static final Pattern CLASS_NAME = Pattern.compile("public class (\\w+)");

	private static final String MODEL_IMPORTS = """
			package com.example.demo.models;

			import java.math.BigDecimal;
			import java.nio.file.Path;
			import java.time.OffsetDateTime;
			import java.util.*;

			import dev.tortoise.*;
			import dev.tortoise.config.*;
			import dev.tortoise.fields.*;
			import dev.tortoise.models.*;
			import dev.tortoise.query.*;
			import dev.tortoise.routing.*;
			import dev.tortoise.signals.*;
			import org.springframework.stereotype.Component;
			import org.springframework.transaction.annotation.Transactional;
			import reactor.core.publisher.*;

			""";

	private static final String TEST_IMPORTS = """
			import dev.tortoise.spring.boot.test.TortoiseTest;
			import org.junit.jupiter.api.Test;
			import org.springframework.beans.factory.annotation.Autowired;

			import static org.assertj.core.api.Assertions.assertThat;

			""";

	/**
	 * Blocks that are no model go outside the application's packages, so that the README's
	 * example router (pointing at a "replica" connection) is compiled but never scanned.
	 */
	private static final String SNIPPET_IMPORTS = MODEL_IMPORTS
		.replace("package com.example.demo.models;", "package com.example.snippets;\n\nimport com.example.demo.models.*;");

	/** What the README's statement blocks take as given: the objects their text refers to. */
	private static final String GIVEN = "TortoiseContext ctx, Tournament cup, Tournament tournament, Event event,"
			+ " List<Event> newEvents, Team red, Team blue, Event a, Event b";

	@Test
	void anApplicationBuiltFromTheReadmeServesItsModelsAsJson(@TempDir Path app) throws Exception {
		Path root = Path.of(System.getProperty("readme.root", "..")).toAbsolutePath().normalize();
		String readme = Files.readString(root.resolve("README.md"));
		installThisRepository(root, app);

		Files.writeString(app.resolve("pom.xml"), block(readme, "<!-- readme-app-pom -->", "```xml"));
		Path models = Files.createDirectories(app.resolve("src/main/java/com/example/demo/models"));
		for (String model : block(readme, "### Models", "```java").split("\n(?=@Model)")) {
			Matcher name = CLASS_NAME.matcher(model);
			assertThat(name.find()).as("a model class in the README's block").isTrue();
			Files.writeString(models.resolve(name.group(1) + ".java"), MODEL_IMPORTS + model);
		}
		compileEveryOtherBlock(readme, models, app);
		Files.writeString(models.resolve("AuditLog.java"), MODEL_IMPORTS + """
				@Model
				public class AuditLog {
				    Long id;
				    String action;
				}
				""");
		Files.writeString(models.resolve("Team.java"), MODEL_IMPORTS + """
				@Model
				public class Team {
				    Long id;
				    @CharField(maxLength = 50) String name;
				    ManyToManyRelation<Event> events;
				}
				""");
		Files.writeString(models.resolve("Seed.java"), MODEL_IMPORTS + """
				/** One tournament with one event, created at start. */
				@org.springframework.stereotype.Component
				class Seed implements org.springframework.boot.ApplicationRunner {
				    private final dev.tortoise.TortoiseContext tortoise;
				    Seed(dev.tortoise.TortoiseContext tortoise) { this.tortoise = tortoise; }
				    public void run(org.springframework.boot.ApplicationArguments args) {
				        Tournament cup = new Tournament();
				        cup.name = "Cup";
				        tortoise.create(cup).block();
				        Event event = new Event();
				        event.name = "Final";
				        event.tournament = cup;
				        event.prize = new BigDecimal("100.50");
				        tortoise.create(event).block();
				    }
				}
				""");
		Path demo = app.resolve("src/main/java/com/example/demo");
		Files.writeString(demo.resolve("TournamentController.java"), """
				package com.example.demo;

				import com.example.demo.models.Tournament;
				import dev.tortoise.TortoiseContext;
				import org.springframework.web.bind.annotation.*;
				import reactor.core.publisher.Mono;

				""" + readmeBlockWith(readme, "class TournamentController"));
		Files.writeString(demo.resolve("DemoApplication.java"), """
				package com.example.demo;

				@org.springframework.boot.autoconfigure.SpringBootApplication
				public class DemoApplication {
				    public static void main(String[] args) {
				        org.springframework.boot.SpringApplication.run(DemoApplication.class, args);
				    }
				}
				""");
		Path resources = Files.createDirectories(app.resolve("src/main/resources"));
		Files.writeString(resources.resolve("application.properties"), """
				tortoise.connections.default=h2://:memory:
				tortoise.apps.models.models=com.example.demo.models
				tortoise.generate-schemas=safe
				""");

		maven(app, "package");
		assertThat(app.resolve("target/surefire-reports/TEST-com.example.demo.models.TournamentRepositoryTests.xml"))
			.as("the README's @TortoiseTest ran in the new application").content()
			.contains("tests=\"1\"").contains("failures=\"0\"").contains("errors=\"0\"");
		try (RunningJar running = RunningJar.start(app.resolve("target/demo-1.0.jar"), app, RunningJar.freePort())) {
			running.awaitAnswer("/tournaments/1", (response) -> response.statusCode() == 200);
			String body = running.send(java.net.http.HttpRequest.newBuilder(running.uri("/tournaments/1")).GET()).body();
			JsonNode tournament = JsonMapper.builder().build().readTree(body);
			assertThat(tournament.get("name").asString()).isEqualTo("Cup");
			JsonNode event = tournament.get("events").get(0);
			assertThat(event.get("name").asString()).isEqualTo("Final");
			assertThat(event.get("tournament_id").asLong()).isEqualTo(tournament.get("id").asLong());
			assertThat(event.get("prize").decimalValue()).isEqualByComparingTo("100.50");
			assertThat(body).doesNotContain("\"fetched\"");
		}
	}

	/**
	 * Every Java block besides the models and the controller: classes as they are, a test
	 * class among the application's tests (with spring-boot-starter-test, as the README says),
	 * methods inside a class holding {@code tortoise}, statements inside a method given what
	 * they refer to.
	 */
	private static void compileEveryOtherBlock(String readme, Path models, Path app) throws IOException {
		Path tests = Files.createDirectories(app.resolve("src/test/java/com/example/demo/models"));
		Path snippets = Files.createDirectories(app.resolve("src/main/java/com/example/snippets"));
		Matcher blocks = Pattern.compile("```java\n(.*?)\n```", Pattern.DOTALL).matcher(readme);
		int n = 0;
		while (blocks.find()) {
			String code = blocks.group(1) + "\n";
			String snippet = "Snippet" + (++n);
			if (code.contains("class TournamentController") || code.startsWith("@Model(description")) {
				continue; // the application's own, written above
			}
			Matcher name = Pattern.compile("class (\\w+)").matcher(code);
			if (code.contains("@TortoiseTest")) {
				name.find();
				Files.writeString(tests.resolve(name.group(1) + ".java"), MODEL_IMPORTS + TEST_IMPORTS + code);
			}
			else if (name.find()) {
				boolean model = code.startsWith("@Model");
				Files.writeString((model ? models : snippets).resolve(name.group(1) + ".java"),
						(model ? MODEL_IMPORTS : SNIPPET_IMPORTS) + code);
			}
			else if (code.contains("public Mono<")) {
				Files.writeString(snippets.resolve(snippet + ".java"), SNIPPET_IMPORTS + "class " + snippet
						+ " {\n    TortoiseContext tortoise;\n" + code + "}\n");
			}
			else {
				String given = code.startsWith("TortoiseConfig config") ? "" : GIVEN;
				Files.writeString(snippets.resolve(snippet + ".java"), SNIPPET_IMPORTS + "class " + snippet
						+ " {\n    void run(" + given + ") throws Exception {\n" + code + "    }\n}\n");
			}
		}
		String pom = Files.readString(app.resolve("pom.xml"));
		Files.writeString(app.resolve("pom.xml"), pom.replace("</dependencies>", """
				    <dependency>
				      <groupId>org.springframework.boot</groupId>
				      <artifactId>spring-boot-starter-test</artifactId>
				      <scope>test</scope>
				    </dependency>
				  </dependencies>"""));
		assertThat(n).as("Java blocks in the README").isGreaterThanOrEqualTo(8);
	}

	/** The repository's parent, core and starter in the local Maven repository, as {@code mvn install} puts them. */
	private static void installThisRepository(Path root, Path logs) throws Exception {
		String version = System.getProperty("tortoise.version", "0.1.0-SNAPSHOT");
		installFile(root, logs, root.resolve("pom.xml"), root.resolve("pom.xml"));
		for (String module : List.of("tortoise-core", "tortoise-spring-boot-starter")) {
			installFile(root, logs, root.resolve(module + "/target/" + module + "-" + version + ".jar"),
					root.resolve(module + "/pom.xml"));
		}
	}

	private static void installFile(Path root, Path logs, Path file, Path pom) throws Exception {
		assertThat(file).as("built by the reactor before this test").exists();
		maven(logs, "-N", "-f", root.resolve("pom.xml").toString(), "install:install-file", "-Dfile=" + file,
				"-DpomFile=" + pom);
	}

	private static void maven(Path dir, String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("mvn", "-B", "-q"));
		String repository = System.getProperty("maven.repo.local");
		if (repository != null && !repository.isBlank()) {
			command.add("-Dmaven.repo.local=" + repository);
		}
		// Offline when the build running this test is: the mvn script passes its arguments down.
		String outer = " " + System.getenv().getOrDefault("MAVEN_CMD_LINE_ARGS", "") + " ";
		if (outer.contains(" -o ") || outer.contains(" --offline ")) {
			command.add("-o");
		}
		command.addAll(List.of(args));
		Path log = dir.resolve("maven-" + System.nanoTime() + ".log");
		Process maven = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
			.redirectOutput(log.toFile()).start();
		if (!maven.waitFor(10, TimeUnit.MINUTES)) {
			maven.destroyForcibly().waitFor();
			throw new AssertionError("mvn " + String.join(" ", args) + " did not finish within 10 minutes");
		}
		assertThat(maven.exitValue()).as("mvn %s\n%s", String.join(" ", args), tail(log)).isZero();
	}

	/** The first fenced block of a kind after a marker line. */
	private static String block(String readme, String marker, String fence) {
		int at = readme.indexOf(marker);
		assertThat(at).as("README has %s", marker).isNotNegative();
		int start = readme.indexOf(fence + "\n", at) + fence.length() + 1;
		return readme.substring(start, readme.indexOf("\n```", start) + 1);
	}

	/** The fenced Java block that contains a text. */
	private static String readmeBlockWith(String readme, String text) {
		int at = readme.indexOf(text);
		assertThat(at).as("README has %s", text).isNotNegative();
		int start = readme.lastIndexOf("```java\n", at) + "```java\n".length();
		return readme.substring(start, readme.indexOf("\n```", at) + 1);
	}

	private static String tail(Path log) throws IOException {
		List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
	}

}

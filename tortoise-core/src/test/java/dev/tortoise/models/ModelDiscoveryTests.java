package dev.tortoise.models;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Discovery inside a jar, the way a packaged application runs. */
class ModelDiscoveryTests {

	@Test
	void scansAPackageInsideAJar(@TempDir Path dir) throws IOException {
		Path src = Files.createDirectories(dir.resolve("src/jarred/models"));
		Files.writeString(src.resolve("Zebra.java"),
				"package jarred.models;\n@dev.tortoise.models.Model public class Zebra { Integer id; }\n");
		Files.writeString(src.resolve("Ant.java"),
				"package jarred.models;\n@dev.tortoise.models.Model public class Ant { Integer id;"
						+ " @dev.tortoise.fields.ForeignKeyField(relatedName = \"ants\") Zebra zebra; }\n");
		Files.writeString(src.resolve("Helper.java"), "package jarred.models;\npublic class Helper { }\n");
		Path classes = Files.createDirectories(dir.resolve("classes"));
		int status = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-proc:none", "-d", classes.toString(),
				"-classpath", System.getProperty("java.class.path"), src.resolve("Zebra.java").toString(),
				src.resolve("Ant.java").toString(), src.resolve("Helper.java").toString());
		assertThat(status).isZero();
		Path jar = dir.resolve("models.jar");
		try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
				Stream<Path> files = Files.walk(classes)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
				try (OutputStream entry = new NonClosing(out)) {
					Files.copy(file, entry);
				}
				out.closeEntry();
			}
		}
		try (URLClassLoader loader = new URLClassLoader(new URL[] { jar.toUri().toURL() },
				ModelDiscoveryTests.class.getClassLoader())) {
			Apps apps = Apps.discover(Map.of("zoo", List.of("jarred.models")), loader, null);
			assertThat(apps.models("zoo").stream().map(ModelMeta::name)).containsExactly("Ant", "Zebra");
			assertThat(apps.model("zoo.Zebra").field("ants").kind()).isEqualTo(FieldKind.BACKWARD_FK);
		}
	}

	private static final class NonClosing extends java.io.FilterOutputStream {

		NonClosing(OutputStream out) {
			super(out);
		}

		@Override
		public void close() throws IOException {
			flush();
		}

	}

}

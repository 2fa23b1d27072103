package dev.tortoise.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Writes and compiles {@code count} model classes into one package, linked by foreign
 * keys and many-to-many relations, so that init can be measured at scale.
 */
final class GeneratedModels {

	static final String PACKAGE = "bench.models";

	private final Path classes;

	private GeneratedModels(Path classes) {
		this.classes = classes;
	}

	static GeneratedModels compile(int count) {
		try {
			Path root = Files.createTempDirectory("tortoise-bench-" + count);
			Path sources = Files.createDirectories(root.resolve("src/bench/models"));
			Path classes = Files.createDirectories(root.resolve("classes"));
			List<String> files = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				Path file = sources.resolve(name(i) + ".java");
				Files.writeString(file, source(i));
				files.add(file.toString());
			}
			JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
			if (javac == null) {
				throw new IllegalStateException("The benchmark compiles its models and needs a JDK, not a JRE.");
			}
			List<String> args = new ArrayList<>(List.of("-proc:none", "-nowarn", "-d", classes.toString(), "-classpath",
					System.getProperty("java.class.path")));
			args.addAll(files);
			int status = javac.run(null, null, null, args.toArray(new String[0]));
			if (status != 0) {
				throw new IllegalStateException("Compiling the generated models failed with status " + status);
			}
			return new GeneratedModels(classes);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A fresh class loader, so every init loads the model classes again as a cold start does. */
	ClassLoader newClassLoader() {
		try {
			return new URLClassLoader(new URL[] { this.classes.toUri().toURL() }, GeneratedModels.class.getClassLoader());
		}
		catch (MalformedURLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String name(int i) {
		return String.format("Model%04d", i);
	}

	private static String source(int i) {
		StringBuilder s = new StringBuilder();
		s.append("package ").append(PACKAGE).append(";\n\n");
		s.append("import dev.tortoise.fields.*;\nimport dev.tortoise.models.*;\n\n");
		s.append("@Model(description = \"Generated model ").append(i).append("\")\n");
		s.append("@UniqueTogether({\"name\", \"code\"})\n");
		s.append("public class ").append(name(i)).append(" {\n");
		s.append("  @BigIntField(pk = true) Long id;\n");
		s.append("  @CharField(maxLength = 100, index = true) String name;\n");
		s.append("  @CharField(maxLength = 20) String code;\n");
		s.append("  @TextField(nullable = true) String notes;\n");
		s.append("  @DecimalField(maxDigits = 10, decimalPlaces = 2) java.math.BigDecimal amount;\n");
		s.append("  @DatetimeField(autoNowAdd = true) java.time.OffsetDateTime created;\n");
		s.append("  boolean active;\n");
		s.append("  java.util.UUID token;\n");
		if (i > 0) {
			s.append("  @ForeignKeyField(relatedName = \"children\", nullable = true, onDelete = OnDelete.SET_NULL) ")
				.append(name(i - 1)).append(" parent;\n");
		}
		if (i > 1 && i % 10 == 0) {
			s.append("  @ManyToManyField(relatedName = \"tagged_by\") ManyToManyRelation<").append(name(i - 2))
				.append("> tags;\n");
		}
		s.append("}\n");
		return s.toString();
	}

}

package dev.tortoise.benchmarks;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.tortoise.models.Apps;
import dev.tortoise.schema.Dialect;
import dev.tortoise.schema.SchemaGenerator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Start-up cost: discovery (package scan and class loading with a fresh class loader),
 * reading, relation linking and the PostgreSQL DDL, for 250 to 1,000 generated models.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class InitBenchmark {

	@Param({ "250", "500", "1000" })
	int models;

	private GeneratedModels generated;

	private ClassLoader loader;

	@Setup(Level.Trial)
	public void compileModels() {
		this.generated = GeneratedModels.compile(this.models);
	}

	@Setup(Level.Invocation)
	public void freshClassLoader() {
		this.loader = this.generated.newClassLoader();
	}

	@Benchmark
	public String discoverLinkAndGenerateDdl() {
		Apps apps = Apps.discover(Map.of("models", List.of(GeneratedModels.PACKAGE)), this.loader, null);
		return new SchemaGenerator(Dialect.forEngine("postgres")).sql(apps.all(), true);
	}

}

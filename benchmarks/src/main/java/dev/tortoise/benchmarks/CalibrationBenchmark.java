package dev.tortoise.benchmarks;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The same CPU work every time, with no I/O, no allocation and no library code: how fast
 * the machine itself is. {@code benchmarks/run.sh} runs it before and after every round, so
 * that a VM throttled or sharing its cores during a run shows in the report rather than as
 * a change in the ratios.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CalibrationBenchmark {

	private final byte[] data = new byte[4096];

	@Setup
	public void fill() {
		new SplittableRandom(42).nextBytes(this.data);
	}

	@Benchmark
	public long hash() {
		long h = 1125899906842597L;
		for (byte b : this.data) {
			h = 31 * h + b;
		}
		return h;
	}

}

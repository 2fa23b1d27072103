#!/usr/bin/env bash
# Runs the JMH benchmarks and writes the README's table.
# Usage: benchmarks/run.sh [quick|full] [JMH options...]
#   Extra options add to the mode's: a benchmark regex (OrmBenchmark), -p db=postgres, ...;
#   JMH refuses an option given twice, so -f, -wi, -i, -w, -r and -prof come from the mode.
#   quick: 1 fork, 6 + 5 iterations of 2 s (about 35 minutes on 2 cores, most of it OrmBenchmark)
#   full:  2 forks of 8 warm-up + 4 measured iterations of 2 s, for the figures in the README
#          (benchmarks/run.sh full OrmBenchmark: about 45 minutes). The long warm-up is for
#          PostgreSQL: at 1,000 operations a second, code run once per operation needs about
#          10 s before C2 has compiled it, and a JIT thread still compiling takes one of two cores.
# PostgreSQL is found through TORTOISE_BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/test);
# the benchmark works in schema tortoise_bench and drops its own tables.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-quick}"; shift || true
mvn -B -q -pl benchmarks -am package -DskipTests
mkdir -p benchmarks/results
case "$mode" in
  quick) opts=(-f 1 -wi 6 -i 5 -w 2s -r 2s -prof gc) ;;
  full)  opts=(-f 2 -wi 8 -i 4 -w 2s -r 2s -prof gc) ;;
  *) echo "usage: $0 [quick|full] [JMH options]" >&2; exit 2 ;;
esac
java -jar benchmarks/target/benchmarks.jar "${opts[@]}" -rf json -rff "benchmarks/results/$mode.json" "$@"
java -cp benchmarks/target/benchmarks.jar dev.tortoise.benchmarks.Report "benchmarks/results/$mode.json" \
  | tee "benchmarks/results/$mode.md"

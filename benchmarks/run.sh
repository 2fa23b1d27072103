#!/usr/bin/env bash
# Runs the JMH benchmarks and writes the README's table.
# Usage: benchmarks/run.sh [quick|full] [JMH options...]
#   Extra options add to the mode's: a benchmark regex (OrmBenchmark), -p db=postgres, ...;
#   JMH refuses an option given twice, so -f, -wi, -i, -w, -r and -prof come from the mode.
#   quick: 1 round of 6 warm-up + 5 measured iterations of 2 s (about 35 minutes on 2 cores,
#          most of it OrmBenchmark)
#   full:  3 rounds of 8 warm-up + 3 measured iterations of 2 s, for the figures in the README
#          (benchmarks/run.sh full OrmBenchmark: about 65 minutes). The long warm-up is for
#          PostgreSQL: at 1,000 operations a second, code run once per operation needs about
#          10 s before C2 has compiled it, and a JIT thread still compiling takes one of two cores.
# A round runs every benchmark in one fresh JVM each, so all contenders of one round ran
# within minutes of each other; the report takes Tortoise's ratios round by round, which
# keeps a machine whose speed drifts over the hour from favouring whoever ran in its fast part.
# PostgreSQL is found through TORTOISE_BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/test);
# the benchmark works in schema tortoise_bench and drops its own tables.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-quick}"; shift || true
mvn -B -q -pl benchmarks -am package -DskipTests
mkdir -p benchmarks/results
case "$mode" in
  quick) rounds=1; opts=(-f 1 -wi 6 -i 5 -w 2s -r 2s -prof gc) ;;
  full)  rounds=3; opts=(-f 1 -wi 8 -i 3 -w 2s -r 2s -prof gc) ;;
  *) echo "usage: $0 [quick|full] [JMH options]" >&2; exit 2 ;;
esac
rm -f benchmarks/results/"$mode"-*.json
files=()
for round in $(seq 1 "$rounds"); do
  file="benchmarks/results/$mode-$round.json"
  java -jar benchmarks/target/benchmarks.jar "${opts[@]}" -rf json -rff "$file" "$@"
  files+=("$file")
done
java -cp benchmarks/target/benchmarks.jar dev.tortoise.benchmarks.Report "${files[@]}" \
  | tee "benchmarks/results/$mode.md"

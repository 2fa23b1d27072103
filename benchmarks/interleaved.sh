#!/usr/bin/env bash
# Measures Tortoise's ratios to raw R2DBC and Spring Data in turns (Interleaved): the three
# contenders of one OrmBenchmark operation take turns in one JVM, a slice each, so that each
# ratio compares them on the same JIT compilation of the code they share and in the same
# second of the machine. JMH's table (run.sh) gives throughput and allocation; this one gives
# the ratios with the machine's drift and the forks' JIT differences taken out of them.
# Each slice also counts the bytes every thread allocated per operation, as -prof gc does.
# Usage: benchmarks/interleaved.sh [quick|full] [operation...] [-p db=h2,postgres,mysql]
#   quick: 1 fork, 20 s of warm-up, 10 turns of 3 × 500 ms (about 15 minutes)
#   full:  2 forks, 45 s of warm-up, 30 turns of 3 × 500 ms (about 55 minutes); when every
#          operation ran on every database, its table replaces the one in benchmarks/README.md.
# Each fork of each operation and database is a fresh JVM with the heap JMH's forks have.
# CalibrationBenchmark (the same CPU work every time) runs before and after each fork round.
# PostgreSQL and MariaDB are found as OrmBenchmark finds them: TORTOISE_BENCH_POSTGRES_URL and
# TORTOISE_BENCH_MYSQL_URL (see run.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-quick}"; shift || true
case "$mode" in
  quick) forks=1; warmup=20s; turns=10 ;;
  full)  forks=2; warmup=45s; turns=30 ;;
  *) echo "usage: $0 [quick|full] [operation...] [-p db=h2,postgres,mysql]" >&2; exit 2 ;;
esac
operations=(); dbs=(h2 postgres mysql)
while (($#)); do
  case "$1" in
    -p) [[ "${2:-}" == db=* ]] || { echo "only -p db=... is an option" >&2; exit 2; }
        IFS=, read -ra dbs <<< "${2#db=}"; shift 2 ;;
    *) operations+=("$1"); shift ;;
  esac
done

mvn -B -q -pl benchmarks -am package -DskipTests
jar=benchmarks/target/benchmarks.jar
all=($(java -jar "$jar" -l 'OrmBenchmark\.' | sed -n 's/.*OrmBenchmark\.\([A-Za-z0-9]*\)_tortoise$/\1/p'))
whole=$(( ${#operations[@]} == 0 && ${#dbs[@]} == 3 ))
((${#operations[@]})) || operations=("${all[@]}")
mkdir -p benchmarks/results
rm -f benchmarks/results/interleaved-"$mode"*
calibrations=()
calibrate() { # result file
  echo "Calibrating the machine's speed: $1" >&2
  java -jar "$jar" -f 1 -wi 2 -i 3 -w 1s -r 1s -rf json -rff "$1" '^dev\.tortoise\.benchmarks\.CalibrationBenchmark\.' > /dev/null
  calibrations+=(--calibration "$1")
}
out="benchmarks/results/interleaved-$mode.jsonl"
for fork in $(seq 1 "$forks"); do
  calibrate "benchmarks/results/interleaved-$mode-$fork-calibration-before.json"
  for op in "${operations[@]}"; do
    for db in "${dbs[@]}"; do
      echo "fork $fork: $op on $db" >&2
      java -Xms4g -Xmx4g -cp "$jar" dev.tortoise.benchmarks.Interleaved --db "$db" --operation "$op" --fork "$fork" \
        --warm-up "$warmup" --turns "$turns" --slice 500ms --out "$out"
    done
  done
  calibrate "benchmarks/results/interleaved-$mode-$fork-calibration-after.json"
done
report=()
if [[ "$mode" == full ]] && ((whole)); then
  report=(--readme benchmarks/README.md)
  if commit=$(git rev-parse --short HEAD 2>/dev/null); then report+=(--commit "$commit"); fi
fi
java -cp "$jar" dev.tortoise.benchmarks.Interleaved --report "${report[@]}" "${calibrations[@]}" "$out" \
  | tee "benchmarks/results/interleaved-$mode.md"

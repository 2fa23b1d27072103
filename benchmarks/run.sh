#!/usr/bin/env bash
# Runs the JMH benchmarks. Usage: benchmarks/run.sh [quick|full] [JMH options...]
#   quick: 1 fork, short iterations, for a laptop (about a minute)
#   full:  3 forks, longer iterations, for the figures in the README
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-quick}"; shift || true
mvn -B -q -pl benchmarks -am package -DskipTests
mkdir -p benchmarks/results
case "$mode" in
  quick) opts=(-f 1 -wi 3 -i 5 -w 1s -r 1s) ;;
  full)  opts=(-f 3 -wi 5 -i 10 -w 2s -r 2s) ;;
  *) echo "usage: $0 [quick|full] [JMH options]" >&2; exit 2 ;;
esac
java -jar benchmarks/target/benchmarks.jar "${opts[@]}" -rf json -rff "benchmarks/results/$mode.json" "$@"

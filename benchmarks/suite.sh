#!/usr/bin/env bash
# Tortoise ORM's own benchmark suite (orm-benchmarks, tests A to K) on its three model shapes,
# Tortoise for Java against raw R2DBC on the same pool (Suite): each database, shape and
# concurrency in a fresh JVM and a fresh database, the contenders taking turns pass by pass.
# Reports rows/s in the first and second pass of a fresh JVM (each contender alone in its own
# JVM, so that neither warms what the other then uses), and fully warm (the last third of a long
# run in which the contenders take turns pass by pass), with SuiteReport.
# Usage: benchmarks/suite.sh [quick|full] [-p db=postgres,mysql,h2,sqlite]
#   quick: 30 passes, concurrency 10, shapes 1 and 3          (about 6 minutes a database)
#   full:  45 passes, concurrency 1 and 10, shapes 1, 2 and 3 (about 40 minutes a database)
# When it ran every database, its tables replace the suite's in benchmarks/README.md.
# PostgreSQL and MariaDB are found through TORTOISE_BENCH_POSTGRES_URL and TORTOISE_BENCH_MYSQL_URL
# (defaults: the local servers' test databases); each run makes a schema or database of its own
# and drops it after.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-quick}"; shift || true
case "$mode" in
  quick) passes=30; concurrencies=(10); shapes=(1 3) ;;
  full)  passes=45; concurrencies=(1 10); shapes=(1 2 3) ;;
  *) echo "usage: $0 [quick|full] [-p db=postgres,mysql,h2,sqlite]" >&2; exit 2 ;;
esac
dbs=(postgres mysql h2 sqlite)
if [[ "${1:-}" == -p && "${2:-}" == db=* ]]; then IFS=, read -ra dbs <<< "${2#db=}"; fi
mvn -B -q -pl benchmarks -am package -DskipTests
jar=benchmarks/target/benchmarks.jar
mkdir -p benchmarks/results
out="benchmarks/results/suite-$mode.jsonl"
rm -f "$out"
suite() {
  java -Xms2g -Xmx2g -cp "$jar" dev.tortoise.benchmarks.Suite --iterations 1000 --out "$out" "$@"
}
for db in "${dbs[@]}"; do
  for shape in "${shapes[@]}"; do
    for c in "${concurrencies[@]}"; do
      for contender in tortoise raw; do
        suite --db "$db" --shape "$shape" --concurrency "$c" --passes 2 --contenders "$contender"
      done
      suite --db "$db" --shape "$shape" --concurrency "$c" --passes "$passes"
    done
  done
done
settings="Settings: \`suite.sh $mode\` ($passes passes, 1,000 iterations, concurrency ${concurrencies[*]}, shapes ${shapes[*]}), $(nproc) cores,
$(java -version 2>&1 | head -1), commit $(git rev-parse --short HEAD), $(date -u +%Y-%m-%d)."
readme=()
if [[ ${#dbs[@]} == 4 ]]; then readme=(--readme benchmarks/README.md); fi
java -cp "$jar" dev.tortoise.benchmarks.SuiteReport "$out" --settings "$settings" "${readme[@]}"

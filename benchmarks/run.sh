#!/usr/bin/env bash
# Runs the JMH benchmarks and writes the table in benchmarks/README.md.
# Usage: benchmarks/run.sh [quick|full] [benchmark regex...] [-p db=h2,postgres,mysql] [JMH options...]
#   Regexes select benchmarks as JMH's do (none: all); -p db=... selects the databases;
#   other options go to every JMH run. JMH refuses an option given twice, so -f, -wi, -i, -w,
#   -r and -prof come from the mode.
#   quick: 1 round of 6 warm-up + 5 measured iterations of 2 s (about 40 minutes on 2 cores,
#          most of it OrmBenchmark)
#   full:  3 rounds of 10 warm-up + 3 measured iterations of 2 s, for the figures in benchmarks/README.md,
#          whose table (with the settings, the machine and the commit) it rewrites when the
#          whole OrmBenchmark ran on every database
#          (benchmarks/run.sh full OrmBenchmark: about 95 minutes). The long warm-up is for
#          PostgreSQL, where at 1,000 operations a second code run once per operation needs about
#          10 s before C2 has compiled it. H2's forks warm up twice as many iterations: one fork
#          in four of H2's single insert was still speeding up after 26 s (a JIT thread still
#          compiling takes one of two cores), whatever the contender.
# Every OrmBenchmark contender runs in a JVM of its own, and the three contenders of one
# operation and database run one after the other, so the pairs the report divides ran within
# a minute of each other. Each round starts the three in a different order: a machine whose
# speed drifts in one direction then favours no contender in particular. The report takes
# Tortoise's ratios round by round. Other benchmarks (InitBenchmark) run once, after round 1.
# CalibrationBenchmark (the same CPU work every time) runs before and after each round, and the
# report's settings line gives its range: a VM slowed down during the run shows there.
# MariaDB through TORTOISE_BENCH_MYSQL_URL (default mysql://root:@127.0.0.1:3306/test, tables b_*);
# PostgreSQL is found through TORTOISE_BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/test);
# the benchmark works in schema tortoise_bench and drops its own tables.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-quick}"; shift || true
case "$mode" in
  quick) rounds=1; warmup=6; opts=(-f 1 -i 5 -w 2s -r 2s -prof gc) ;;
  full)  rounds=3; warmup=10; opts=(-f 1 -i 3 -w 2s -r 2s -prof gc) ;;
  *) echo "usage: $0 [quick|full] [benchmark regex...] [-p db=...] [JMH options]" >&2; exit 2 ;;
esac

regexes=(); dbs=(); passthrough=()
while (($#)); do
  case "$1" in
    -p)
      if [[ "${2:-}" == db=* ]]; then IFS=, read -ra dbs <<< "${2#db=}"; else passthrough+=("$1" "${2:-}"); fi
      shift 2 ;;
    -h|-l|-lp|-lprof|-lrf)
      echo "$0 runs benchmarks; for $1, call java -jar benchmarks/target/benchmarks.jar $1" >&2; exit 2 ;;
    -*) passthrough+=("$1" "${2:-}"); shift 2 ;;
    *) regexes+=("$1"); shift ;;
  esac
done

mvn -B -q -pl benchmarks -am package -DskipTests
jar=benchmarks/target/benchmarks.jar
mkdir -p benchmarks/results
rm -f benchmarks/results/"$mode"-*.json

exact() { # benchmark name: the JMH regex that selects it alone
  printf '^%s$' "${1//./\\.}"
}
listed() { # JMH regexes: the names of the benchmarks they select
  java -jar "$jar" -l "$@" | tail -n +2 | grep .
}

# The selected benchmarks, as JMH lists them: OrmBenchmark's by operation, the rest as they come.
operations=(); others=()
declare -A contender_name=()
while read -r name; do
  if [[ "$name" == *.CalibrationBenchmark.* ]]; then
    calibration="$name"
  elif [[ "$name" =~ \.OrmBenchmark\.([A-Za-z0-9]+)_(raw|springData|tortoise)$ ]]; then
    op="${BASH_REMATCH[1]}"
    [[ " ${operations[*]} " == *" $op "* ]] || operations+=("$op")
    contender_name["$op/${BASH_REMATCH[2]}"]="$name"
  else
    others+=("$name")
  fi
done < <(listed "${regexes[@]}")
[[ -n "${calibration:-}" ]] || calibration=$(listed 'CalibrationBenchmark\.')
# The whole OrmBenchmark on every database, or only part of it: only the whole rewrites benchmarks/README.md.
whole=$(( ${#dbs[@]} == 0 && ${#contender_name[@]} == $(listed 'OrmBenchmark\.' | wc -l) ))
if ((${#dbs[@]} == 0 && ${#operations[@]} > 0)); then
  for any in "${contender_name[@]}"; do break; done
  IFS=, read -ra dbs <<< "$(java -jar "$jar" -lp "$(exact "$any")" \
    | sed -n 's/.*param "db" = {\(.*\)}/\1/p' | tr -d ' ')"
fi

files=()
run() { # result file, warm-up iterations, JMH arguments...
  local file=$1 wi=$2; shift 2
  java -jar "$jar" "${opts[@]}" -wi "$wi" "${passthrough[@]}" -rf json -rff "$file" "$@"
  files+=("$file")
}
calibrate() { # result file: the machine's speed, before or after a round (CalibrationBenchmark)
  echo "Calibrating the machine's speed: $1" >&2
  java -jar "$jar" -f 1 -wi 2 -i 3 -w 1s -r 1s -rf json -rff "$1" "$(exact "$calibration")" > /dev/null
  files+=("$1")
}
contenders=(raw springData tortoise)
for round in $(seq 1 "$rounds"); do
  n=0
  if ((${#operations[@]} > 0)); then calibrate "benchmarks/results/$mode-$round-calibration-before.json"; fi
  for op in "${operations[@]}"; do
    for db in "${dbs[@]}"; do
      for k in 0 1 2; do
        name="${contender_name[$op/${contenders[$(((k + round - 1) % 3))]}]:-}"
        [[ -n "$name" ]] || continue
        n=$((n + 1))
        # H2's forks warm up twice as long: its insert forks were still speeding up after 26 s.
        wi=$warmup; [[ "$db" != h2 ]] || wi=$((2 * warmup))
        run "benchmarks/results/$mode-$round-$(printf %03d "$n").json" "$wi" -p "db=$db" "$(exact "$name")"
      done
    done
  done
  if ((${#operations[@]} > 0)); then calibrate "benchmarks/results/$mode-$round-calibration-after.json"; fi
  if ((round == 1 && ${#others[@]} > 0)); then
    others_regexes=()
    for name in "${others[@]}"; do others_regexes+=("$(exact "$name")"); done
    run "benchmarks/results/$mode-others.json" "$warmup" "${others_regexes[@]}"
  fi
done
report=()
if [[ "$mode" == full ]] && ((whole)); then
  # The full run's table, with its settings and this machine, replaces the one in benchmarks/README.md.
  report=(--readme benchmarks/README.md)
  if commit=$(git rev-parse --short HEAD 2>/dev/null); then report+=(--commit "$commit"); fi
elif [[ "$mode" == full ]]; then
  echo "Only part of OrmBenchmark ran, so the table in benchmarks/README.md stays as it is." >&2
fi
java -cp "$jar" dev.tortoise.benchmarks.Report "${report[@]}" "${files[@]}" | tee "benchmarks/results/$mode.md"

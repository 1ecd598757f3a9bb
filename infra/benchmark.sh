#!/usr/bin/env bash
# Runs the freshness and throughput benchmark (not part of the tests): real ClickHouse, Kafka,
# ingest and the Flink job on this machine. Prints medians and ratios against baselines measured
# in the same run. Settings: RATE (responses/s, 200), RUN_SECONDS (20), BULK (responses, 200000), ROUNDS (3).
#
# Modes: infra/benchmark.sh [freshness|ingest|all] (default freshness).
#   ingest: IngestThroughputBenchmark — kiosk taps/s and web responses/s through the real ingest and Kafka,
#   against a trivial Javalin endpoint (the HTTP ceiling) and Kafka's ProducerPerformance (the Kafka ceiling).
#   Settings: BENCH_SECONDS (10 per repetition), WARMUP (3), REPETITIONS (3).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/infra/install-packages.sh"
cd "$root"
mvn -B -q -ntp -DskipTests install
opens="--add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/java.time=ALL-UNNAMED"
mode="${1:-freshness}"
case "$mode" in freshness|ingest|all) ;; *) echo "usage: $0 [freshness|ingest|all]" >&2; exit 2 ;; esac
if [[ "$mode" == freshness || "$mode" == all ]]; then
  mvn -B -q -ntp -pl infra/e2e exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
    -Dexec.args="$opens -Drate=${RATE:-200} -Dseconds=${RUN_SECONDS:-20} -Dbulk=${BULK:-200000} -Drounds=${ROUNDS:-3} -cp %classpath ru.otklik.e2e.bench.FreshnessBenchmark" \
    2>&1 | grep -vE ' (WARN|INFO) '
fi
if [[ "$mode" == ingest || "$mode" == all ]]; then
  mvn -B -q -ntp -pl infra/e2e exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
    -Dexec.args="$opens -Dseconds=${BENCH_SECONDS:-10} -Dwarmup=${WARMUP:-3} -Drepetitions=${REPETITIONS:-3} -cp %classpath ru.otklik.e2e.bench.IngestThroughputBenchmark" \
    2>&1 | grep -vE ' (WARN|INFO) '
fi

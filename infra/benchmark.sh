#!/usr/bin/env bash
# Runs the benchmarks (not part of the tests): real ClickHouse, Kafka, ingest and the Flink job on
# this machine. Prints medians and ratios against baselines measured in the same run.
#
# Modes: infra/benchmark.sh [streaming|ingest|all] (default streaming).
#   streaming: StreamingBenchmark — (a) the job draining a pre-filled topic, (b) the same writing only the
#   raw rows, (c) a plain-Java loop doing the same work, (d) ClickHouse's Kafka engine on the same topic,
#   (e) freshness 202 -> indicator_window, (f) state size and checkpoint time, heap and RocksDB.
#   Settings: BULK (responses, 1000000), ROUNDS (3), RATE (freshness, responses/s, 1000), RUN_SECONDS (30),
#   PARTS (which of a-f to run, all), POLL_MILLIS (how often (e) looks, 50), BENCH_JVM_OPTS (e.g. a flight recording).
#   alerts: DropAlertBenchmark — the statistical drop test against HappyOrNot's fixed rule on labelled simulated
#   quarters of the 26 pilot offices: false alarms per office-quarter, falls found, delay in opening hours.
#   Settings: QUARTERS (10), DECLINING (6 offices per quarter), DROP (20 points), WOBBLE (0.03), FORMS (10 a day).
#   fraud: FraudFlagBenchmark — the fraud flags on a labelled simulated quarter of the 26 pilot offices: precision
#   per flag type, recall per kind of fake. Settings: FORMS (10 a day per office), EPISODES (1 of each kind), SEED (1).
#   ingest: IngestThroughputBenchmark — kiosk taps/s and web responses/s through the real ingest and Kafka,
#   against a trivial Javalin endpoint (the HTTP ceiling) and Kafka's ProducerPerformance (the Kafka ceiling).
#   Settings: BENCH_SECONDS (10 per repetition), WARMUP (3), REPETITIONS (3).
#   queries: DashboardQueryBenchmark — RESPONSES bulk-generated in ClickHouse (INSERT ... SELECT FROM numbers, no
#   HTTP), the real dashboards app in-process: p50/p95/max of every ClickHouse-backed JSON API call (office, region,
#   federal) against p95 <= 100 ms, the weekly CSV/PDF downloads, baselines (ClickHouse SELECT 1, /health), and the
#   push fan-out to SUBSCRIBERS SSE streams against 1. Settings: RESPONSES (10000000), REPETITIONS (50), WARMUP (5),
#   SUBSCRIBERS (500), ROUNDS (10), OPTIMIZE (false: OPTIMIZE FINAL every table first).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/infra/install-packages.sh"
cd "$root"
mvn -B -q -ntp -DskipTests install
opens="--add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/java.time=ALL-UNNAMED"
mode="${1:-streaming}"
case "$mode" in streaming|ingest|alerts|fraud|queries|all) ;; *) echo "usage: $0 [streaming|ingest|alerts|fraud|queries|all]" >&2; exit 2 ;; esac
if [[ "$mode" == streaming || "$mode" == all ]]; then
  mvn -B -q -ntp -pl infra/e2e exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
    -Dexec.args="$opens -Xmx6g ${BENCH_JVM_OPTS:-} -Dparts=${PARTS:-abcdef} -Drate=${RATE:-1000} -Dseconds=${RUN_SECONDS:-30} -DpollMillis=${POLL_MILLIS:-50} -Dbulk=${BULK:-1000000} -Drounds=${ROUNDS:-3} -cp %classpath ru.otklik.e2e.bench.StreamingBenchmark" \
    2>&1 | grep --line-buffered -vE ' (WARN|INFO) '
fi
if [[ "$mode" == alerts || "$mode" == all ]]; then
  mvn -B -q -ntp -pl infra/e2e exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
    -Dexec.args="-Dquarters=${QUARTERS:-10} -Ddeclining=${DECLINING:-6} -Ddrop=${DROP:-20} -Dwobble=${WOBBLE:-0.03} -Dforms=${FORMS:-10} -cp %classpath ru.otklik.e2e.bench.DropAlertBenchmark" \
    2>&1 | grep --line-buffered -vE ' (WARN|INFO) '
fi
if [[ "$mode" == fraud || "$mode" == all ]]; then
  mvn -B -q -ntp -pl infra/e2e exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
    -Dexec.args="-Dforms=${FORMS:-10} -Depisodes=${EPISODES:-1} -Dseed=${SEED:-1} -cp %classpath ru.otklik.e2e.bench.FraudFlagBenchmark" \
    2>&1 | grep --line-buffered -vE ' (WARN|INFO) '
fi
if [[ "$mode" == ingest || "$mode" == all ]]; then
  mvn -B -q -ntp -pl infra/e2e exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
    -Dexec.args="$opens -Dseconds=${BENCH_SECONDS:-10} -Dwarmup=${WARMUP:-3} -Drepetitions=${REPETITIONS:-3} -cp %classpath ru.otklik.e2e.bench.IngestThroughputBenchmark" \
    2>&1 | grep --line-buffered -vE ' (WARN|INFO) '
fi
if [[ "$mode" == queries || "$mode" == all ]]; then
  mvn -B -q -ntp -pl infra/e2e exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
    -Dexec.args="$opens -Xmx4g -Dresponses=${RESPONSES:-10000000} -Drepetitions=${REPETITIONS:-50} -Dwarmup=${WARMUP:-5} -Dsubscribers=${SUBSCRIBERS:-500} -Drounds=${ROUNDS:-10} -Doptimize=${OPTIMIZE:-false} -cp %classpath ru.otklik.e2e.bench.DashboardQueryBenchmark" \
    2>&1 | grep --line-buffered -vE ' (WARN|INFO|DEBUG) |INFO::'
fi

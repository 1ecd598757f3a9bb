#!/usr/bin/env bash
# Runs every test of Otklik: unit tests, integration tests against a real ClickHouse server,
# a real Kafka broker and a Flink MiniCluster, and browser tests in headless Chromium.
# Exits non-zero on any failure — including tests that leave something behind.
#
# Each run gets its own temp root, <tmp>/otklik-test-run-XXXXXX: every Surefire/Failsafe fork uses
# it as java.io.tmpdir and TMPDIR (see otklik.test.tmpdir in pom.xml), so two suites on one machine
# never see each other's files. After `mvn verify` the run's temp root must be empty and no process
# started by the run (they carry OTKLIK_TEST_RUN=<run dir> in their environment) may still run;
# otherwise both are listed, the processes killed, and the run fails. The run dir is removed at the
# end. Runs whose test.sh was killed (their lock is free) are swept at the next start.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/infra/install-packages.sh" --browsers
cd "$root"

base="${TMPDIR:-/tmp}"
lock_name=".otklik-test-run.lock"

# processes whose command line names $1 as a whole path element (each argument is one record)
naming() {
    grep -lzE -- "$1(/|\$)" /proc/[0-9]*/cmdline 2>/dev/null | cut -d/ -f3 | grep -vx "$$" || true
}

# processes started by the run in $1 (environment marker), this script excluded
started_by_run() {
    grep -lzx -- "OTKLIK_TEST_RUN=$1" /proc/[0-9]*/environ 2>/dev/null | cut -d/ -f3 | grep -vx "$$" || true
}

sweep_stale_runs() {
    local dir pids
    for dir in "$base"/otklik-test-run-*; do
        [ -f "$dir/$lock_name" ] || continue
        # a run dir whose test.sh is between mktemp and flock is young: never touch those
        [ -n "$(find "$dir" -maxdepth 0 -mmin +1)" ] || continue
        # a free lock: the test.sh that made this dir is gone (killed); its processes may not be
        flock -n "$dir/$lock_name" true 2>/dev/null || continue
        pids="$( (started_by_run "$dir"; naming "$dir") | sort -u)"
        if [ -n "$pids" ]; then
            kill -KILL $pids 2>/dev/null || true
        fi
        rm -rf -- "$dir"
        echo "test.sh: swept the run dir of a killed run: $dir (processes killed: ${pids:-none})" >&2
    done
}

sweep_stale_runs
run_dir="$(mktemp -d "$base/otklik-test-run-XXXXXX")"
exec 9>"$run_dir/$lock_name"
flock -n 9
trap 'rm -rf -- "$run_dir"' EXIT

started=$SECONDS
set +e
OTKLIK_TEST_RUN="$run_dir" mvn -B -ntp verify -Dotklik.test.tmpdir="$run_dir" "$@" 9>&-
mvn_rc=$?
set -e

# a fork that just died may still be taking its servers down (its watchdogs give them 15 s):
# wait for that, not longer
deadline=$((SECONDS + 30))
left_pids="$(started_by_run "$run_dir")"
while [ -n "$left_pids" ] && [ "$SECONDS" -lt "$deadline" ]; do
    sleep 1
    left_pids="$(started_by_run "$run_dir")"
done
process_count=0
if [ -n "$left_pids" ]; then
    process_count=$(echo "$left_pids" | wc -l)
    echo "test.sh: processes the tests left running (killed now):" >&2
    for pid in $left_pids; do
        echo "  $pid $(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | cut -c1-200)" >&2
    done
    # shellcheck disable=SC2086
    kill -KILL $left_pids 2>/dev/null || true
fi

# Flink's REST endpoint creates <tmp>/flink-web-upload for every MiniCluster and never deletes it:
# one fixed name, empty, reused by the next run — not counted while it is empty
left_files="$(find "$run_dir" -mindepth 1 -maxdepth 1 ! -name "$lock_name" \
    ! \( -name flink-web-upload -type d -empty \))"
file_count=0
left_size="0 B"
if [ -n "$left_files" ]; then
    file_count=$(echo "$left_files" | wc -l)
    left_size="$(du -sh --exclude="$lock_name" "$run_dir" | cut -f1)"
    echo "test.sh: what the tests left in their temp root $run_dir:" >&2
    echo "$left_files" | while read -r entry; do du -sh -- "$entry" >&2; done
fi

verdict=OK
rc=$mvn_rc
if [ "$mvn_rc" -ne 0 ]; then
    verdict=FAILED
fi
if [ "$process_count" -gt 0 ] || [ "$file_count" -gt 0 ]; then
    verdict="FAILED (left behind)"
    [ "$rc" -ne 0 ] || rc=3
fi
echo "test.sh: mvn verify exit=$mvn_rc in $((SECONDS - started)) s; left behind: $file_count temp entries ($left_size), $process_count processes; $verdict"
exit "$rc"

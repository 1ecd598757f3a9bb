#!/usr/bin/env bash
# The suite under load (not part of CI; about 90 min on 2 cores): runs infra/test.sh three times in a
# row on COMMIT (default HEAD) while another copy of the suite runs in a loop on the same machine, and
# prints each run's exit code, time and load. Exit 0 only if all three runs were green.
#   infra/stress-suite.sh [COMMIT]
# Each copy is a detached git worktree in a temp folder, removed at the end.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
commit="$(git -C "$root" rev-parse "${1:-HEAD}")"
work="$(mktemp -d "${TMPDIR:-/tmp}/otklik-stress-XXXXXX")"
git -C "$root" worktree add -q --detach "$work/main" "$commit"
git -C "$root" worktree add -q --detach "$work/load" "$commit"
summary="$work/summary.txt"
echo "stress: commit $(git -C "$work/main" log --oneline -1); logs in $work" | tee "$summary"
setsid bash -c '
  i=0
  while [ ! -f "$1/done" ]; do
    i=$((i+1)); s=$(date +%s)
    (cd "$1/load" && ./infra/test.sh) > "$1/load-$i.log" 2>&1; rc=$?
    echo "load suite run $i: exit $rc in $(( $(date +%s) - s )) s" >> "$1/summary.txt"
  done' _ "$work" &
load=$!
sleep 60 # the load is well under way first
green=0
for i in 1 2 3; do
  s=$(date +%s); before=$(cut -d' ' -f1-3 /proc/loadavg)
  (cd "$work/main" && ./infra/test.sh) > "$work/main-$i.log" 2>&1; rc=$?
  echo "run $i: exit $rc in $(( $(date +%s) - s )) s (load at start $before, at end $(cut -d' ' -f1-3 /proc/loadavg))" \
    | tee -a "$summary"
  [ $rc -eq 0 ] || break
  green=$((green+1))
done
touch "$work/done"
kill -TERM -- -"$load" 2>/dev/null; sleep 20; kill -KILL -- -"$load" 2>/dev/null; wait "$load" 2>/dev/null
cat "$summary"
git -C "$root" worktree remove --force "$work/main"; git -C "$root" worktree remove --force "$work/load"
echo "stress: $green of 3 runs green in a row; logs kept in $work"
[ "$green" -eq 3 ]

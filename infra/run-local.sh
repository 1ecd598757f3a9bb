#!/usr/bin/env bash
# Runs the whole Otklik system on this machine with a simulated load:
# ClickHouse + Kafka + PostgreSQL (infra-local), ingest, the Flink job (embedded MiniCluster), dashboards,
# and the simulator in the foreground. Ctrl-C stops everything it started.
#
# Settings (environment): OTKLIK_RUN_DIR (default .local-run), OTKLIK_KIOSKS (200),
# OTKLIK_RESPONDENTS (200), OTKLIK_RATE (events/s, 40; 0 = no simulated load), OTKLIK_DURATION (simulator run, 8h),
# OTKLIK_SCENARIO (normal | quality-drop | slow-decline | fraud-burst | silent-kiosk | kiosk-unplugged | normal-month; default normal),
# OTKLIK_SKIP_BUILD=1 to reuse the jars already built, OTKLIK_REBUILD=1 to rebuild every aggregate from the
# topic (the job does so by itself when its checkpoints are of an older state layout).
# Ports: OTKLIK_CLICKHOUSE_HTTP_PORT (18123), OTKLIK_CLICKHOUSE_TCP_PORT (19000), OTKLIK_KAFKA_PORT (19092),
# OTKLIK_POSTGRES_PORT (15432; PostgreSQL, the operational store: database and user otklik, no password),
# OTKLIK_INGEST_PORT (8080), OTKLIK_DASHBOARDS_PORT (8090), OTKLIK_AGENT_PORT (8787), OTKLIK_FLINK_UI_PORT (8081).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
run="${OTKLIK_RUN_DIR:-$root/.local-run}"
mkdir -p "$run/logs"
total=8
step() { printf '\n\033[1m==> [%s/%s] %s\033[0m\n' "$1" "$total" "$2"; }

ch_http=${OTKLIK_CLICKHOUSE_HTTP_PORT:-18123}; ch_tcp=${OTKLIK_CLICKHOUSE_TCP_PORT:-19000}
kafka_port=${OTKLIK_KAFKA_PORT:-19092}; pg_port=${OTKLIK_POSTGRES_PORT:-15432}
ingest_port=${OTKLIK_INGEST_PORT:-8080}; dash_port=${OTKLIK_DASHBOARDS_PORT:-8090}
agent_port=${OTKLIK_AGENT_PORT:-8787}; flink_ui_port=${OTKLIK_FLINK_UI_PORT:-8081}
opens=(--add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED
       --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
       --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
       --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
       --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/java.time=ALL-UNNAMED
       --add-opens=java.base/java.text=ALL-UNNAMED --add-opens=java.sql/java.sql=ALL-UNNAMED
       --add-exports=java.base/sun.net.util=ALL-UNNAMED)

pids=()
cleanup() {
  trap - EXIT INT TERM
  printf '\n==> stopping\n'
  # newest first, each waited for: the simulator finishes its requests before ingest goes away
  for (( i=${#pids[@]}-1; i>=0; i-- )); do
    kill "${pids[$i]}" 2>/dev/null || true
    wait "${pids[$i]}" 2>/dev/null || true
  done
  echo "==> stopped; data kept in $run"
}
trap cleanup EXIT
trap 'cleanup; exit 130' INT TERM

# Starts a background process with its log in $run/logs/NAME.log.
start() {
  local name="$1"; shift
  "$@" >"$run/logs/$name.log" 2>&1 &
  pids+=("$!")
}

wait_for() { # what, seconds, command...
  local what="$1" seconds="$2"; shift 2
  for (( i=0; i<seconds*2; i++ )); do
    if "$@" >/dev/null 2>&1; then printf '    %s is up\n' "$what"; return 0; fi
    for pid in "${pids[@]}"; do
      kill -0 "$pid" 2>/dev/null || { echo "otklik: a process died while waiting for $what; see $run/logs/" >&2; exit 1; }
    done
    sleep 0.5
  done
  echo "otklik: $what did not come up within ${seconds}s; see $run/logs/" >&2; exit 1
}

for port in $ch_http $ch_tcp $kafka_port $pg_port $ingest_port $dash_port $agent_port $flink_ui_port; do
  if (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; then
    echo "otklik: port $port is in use (another run still going?)" >&2; exit 1
  fi
done

step 1 "Debian packages (ClickHouse, PostgreSQL)"
"$root/infra/install-packages.sh"
echo "    ok"

step 2 "Building the jars (Maven; first run downloads dependencies)"
if [ "${OTKLIK_SKIP_BUILD:-0}" != "1" ]; then
  (cd "$root" && mvn -B -ntp -DskipTests package 2>&1 | tee "$run/logs/build.log" \
     | grep --line-buffered -E '^\[INFO\] Building |BUILD|ERROR' | sed -u 's/^\[INFO\] /    /')
  grep -q "BUILD SUCCESS" "$run/logs/build.log" || { echo "otklik: build failed; see $run/logs/build.log" >&2; exit 1; }
fi

step 3 "ClickHouse, Kafka and PostgreSQL"
start infra java -jar "$root/infra/local/target/otklik-infra-local.jar" --dir "$run/infra" \
  --clickhouse-http $ch_http --clickhouse-tcp $ch_tcp --kafka $kafka_port --postgres $pg_port
wait_for "ClickHouse + Kafka + PostgreSQL (schema migrated, topics created)" 120 grep -q '^READY' "$run/logs/infra.log"

step 4 "Demo kiosks and dashboard users"
if [ ! -f "$run/devices.json" ]; then
  java -jar "$root/kiosk-client/target/otklik-kiosk-client.jar" devices --kiosks "${OTKLIK_KIOSKS:-200}" \
    --out "$run/devices.json" >/dev/null
fi
if [ ! -f "$run/users.json" ]; then
  head -c 12 /dev/urandom | base64 | tr -d '+/=' > "$run/demo-password.txt"
  java -cp "$root/dashboards/target/otklik-dashboards.jar" ru.otklik.dashboards.access.DemoUsers \
    "$run/users.json" "$(cat "$run/demo-password.txt")" >/dev/null
fi
echo "    $(grep -c deviceId "$run/devices.json") kiosks, demo users in $run/users.json"

step 5 "Ingest service"
# loopback is trusted as a proxy: the simulator speaks for its virtual people (X-Forwarded-For, User-Agent),
# or the fraud flags would rightly see all of them as one address
# each office's own network as the simulation has it (its staff PC is in it), for the staff-pattern flag
office_networks="$(java -jar "$root/kiosk-client/target/otklik-kiosk-client.jar" office-networks)"
# a staff token for issuing survey links and a link-signing key, kept across runs so printed links stay valid
[ -f "$run/staff-token.txt" ] || head -c 24 /dev/urandom | base64 | tr -d '+/=' > "$run/staff-token.txt"
[ -f "$run/link-key.txt" ] || echo "local1:$(head -c 32 /dev/urandom | base64)" > "$run/link-key.txt"
OTKLIK_INGEST_PORT=$ingest_port OTKLIK_KAFKA_BOOTSTRAP=127.0.0.1:$kafka_port OTKLIK_KIOSK_DEVICES="$run/devices.json" \
  OTKLIK_STAFF_TOKENS="demo:$(cat "$run/staff-token.txt")" OTKLIK_LINK_KEYS="$(cat "$run/link-key.txt")" \
  OTKLIK_CONTACTS_DIR="$run/contacts" OTKLIK_PUBLIC_BASE_URL="http://localhost:$ingest_port" \
  OTKLIK_KIOSK_ENROLLED="$run/kiosk-enrolled.json" \
  OTKLIK_POSTGRES_URL=jdbc:postgresql://127.0.0.1:$pg_port/otklik OTKLIK_POSTGRES_USER=otklik \
  OTKLIK_TRUSTED_PROXIES=127.0.0.1 OTKLIK_OFFICE_NETWORKS="${OTKLIK_OFFICE_NETWORKS:-$office_networks}" \
  start ingest java -jar "$root/ingest/target/otklik-ingest.jar"
wait_for "ingest on :$ingest_port" 60 curl -sf "http://127.0.0.1:$ingest_port/health"

step 6 "Flink job (embedded MiniCluster) and dashboards"
# The simulated load taps every kiosk far more often than a real office does (at 40 events/s about 150 taps
# per touchpoint in 10 minutes; the pilot's busiest kiosk took 25 an hour), so at the job's default kiosk-burst
# threshold (30 in 10 minutes, for real kiosks) every touchpoint would be flagged. The threshold grows with
# the load here, twelve taps per event/s, so the demo's flags mean something; OTKLIK_FRAUD_KIOSK_BURST_TAPS wins.
kiosk_burst=$(awk -v r="${OTKLIK_RATE:-40}" 'BEGIN { t = int(r * 12); print (t > 30 ? t : 30) }')
OTKLIK_FRAUD_KIOSK_BURST_TAPS=${OTKLIK_FRAUD_KIOSK_BURST_TAPS:-$kiosk_burst} \
OTKLIK_KAFKA_BOOTSTRAP=127.0.0.1:$kafka_port OTKLIK_CLICKHOUSE_URL="http://127.0.0.1:$ch_http" OTKLIK_FLINK_UI_PORT=$flink_ui_port \
  OTKLIK_CHECKPOINT_DIR="$run/checkpoints" \
  start flink java "${opens[@]}" -jar "$root/streaming-jobs/target/otklik-streaming-jobs.jar"
OTKLIK_DASHBOARDS_PORT=$dash_port OTKLIK_CLICKHOUSE_URL="http://127.0.0.1:$ch_http" OTKLIK_DASHBOARDS_USERS="$run/users.json" \
  OTKLIK_POSTGRES_URL=jdbc:postgresql://127.0.0.1:$pg_port/otklik OTKLIK_POSTGRES_USER=otklik \
  OTKLIK_KAFKA_BOOTSTRAP=127.0.0.1:$kafka_port \
  OTKLIK_LINK_KEYS="$(cat "$run/link-key.txt")" OTKLIK_PUBLIC_BASE_URL="http://localhost:$ingest_port" \
  start dashboards java -jar "$root/dashboards/target/otklik-dashboards.jar"
wait_for "dashboards on :$dash_port" 60 curl -s -o /dev/null "http://127.0.0.1:$dash_port/login"
wait_for "Flink job running" 90 grep -q 'event=job_starting' "$run/logs/flink.log"
# the objective half of the composite index: each office's checklists of this quarter, filled in and reviewed
# through the dashboards' API (once: a second start finds them submitted); OTKLIK_DEMO_CHECKLISTS=0 skips it
if [ "${OTKLIK_DEMO_CHECKLISTS:-1}" != "0" ]; then
  OTKLIK_DEMO_PASSWORD="$(cat "$run/demo-password.txt")" \
    java -jar "$root/kiosk-client/target/otklik-kiosk-client.jar" checklists --dashboards "http://127.0.0.1:$dash_port" \
    > "$run/logs/demo-checklists.log" 2>&1 \
    || { echo "otklik: the demo checklists failed; see $run/logs/demo-checklists.log" >&2; exit 1; }
  tail -n 1 "$run/logs/demo-checklists.log"
fi

step 7 "A real kiosk agent with its touch screen (enrolled once with a one-time code)"
staff_auth="Authorization: Bearer $(cat "$run/staff-token.txt")"
enrolment_code=""
if [ ! -f "$run/kiosk-agent/device.json" ]; then
  enrolment_code=$(curl -sf -H "$staff_auth" -H 'Content-Type: application/json' \
    -d '{"officeCode":"BRY-01","touchpointId":"hall","ttlHours":1}' \
    "http://127.0.0.1:$ingest_port/api/v1/kiosk/enrolment-codes" | sed -n 's/.*"code":"\([^"]*\)".*/\1/p')
  [ -n "$enrolment_code" ] || { echo "otklik: could not issue a kiosk enrolment code; see $run/logs/ingest.log" >&2; exit 1; }
  echo "    enrolment code $enrolment_code issued for BRY-01/hall"
fi
OTKLIK_INGEST_URL="http://127.0.0.1:$ingest_port" OTKLIK_JOURNAL_DIR="$run/kiosk-agent" OTKLIK_AGENT_PORT=$agent_port \
  OTKLIK_ENROLMENT_CODE="$enrolment_code" \
  start kiosk-agent java -cp "$root/kiosk-client/target/otklik-kiosk-client.jar" ru.otklik.kiosk.agent.KioskAgentMain
wait_for "kiosk agent on :$agent_port" 60 curl -sf "http://127.0.0.1:$agent_port/status"

# the analysts' account (infra-local writes it into ClickHouse's users.xml): never print the password itself
if [ -n "${OTKLIK_CLICKHOUSE_ANALYST_PASSWORD:-}" ]; then analyst_password='$OTKLIK_CLICKHOUSE_ANALYST_PASSWORD'
else analyst_password="\$(cat $run/infra/clickhouse/analyst-password)"; fi
cat <<EOT

  Dashboards:  http://localhost:$dash_port/          (Russian; add ?lang=en for English)
  Log in as:   federal | region-BRY | office-BRY-01 (any region or office code)
  Password:    $(cat "$run/demo-password.txt")
  Kiosk:       http://localhost:$agent_port/          (touch screen of a real agent at BRY-01/hall; status: /status)
  Ingest API:  http://localhost:$ingest_port/api/v1/responses   metrics: /metrics   API: /openapi.yaml
  Survey link: curl -s -H "Authorization: Bearer $(cat "$run/staff-token.txt")" -H 'Content-Type: application/json' \
                 -d '{"officeCode":"BRY-01","surveyId":"jc-seeker","surveyVersion":1,"singleUse":false,"validDays":30}' \
                 http://localhost:$ingest_port/api/v1/links      (open "url" on a phone, print "poster")
  Flink UI:    http://localhost:$flink_ui_port/        (the job's graph, checkpoints, back pressure)
  ClickHouse:  clickhouse-client --port $ch_tcp     or  curl 'http://127.0.0.1:$ch_http/' --data-binary 'SELECT 1'
  Analysts:    clickhouse-client --port $ch_tcp --user analyst --password "$analyst_password"
               (read-only, database otklik only; ready queries in README, "For analysts")
  PostgreSQL:  psql -h 127.0.0.1 -p $pg_port -U otklik otklik   (the operational store; jdbc:postgresql://127.0.0.1:$pg_port/otklik)
  Logs:        $run/logs/

EOT

step 8 "Simulated load (Ctrl-C stops everything)"
if [ "${OTKLIK_RATE:-40}" = "0" ]; then
  echo "    no simulated load (OTKLIK_RATE=0); the system runs until Ctrl-C"
  sleep infinity &
  pids+=("$!")
  wait "$!" || true
  exit 0
fi
# in the background and waited for, so that Ctrl-C or a TERM to this script stops everything at once
java -jar "$root/kiosk-client/target/otklik-kiosk-client.jar" --ingest "http://127.0.0.1:$ingest_port" \
  --devices "$run/devices.json" --kiosks "${OTKLIK_KIOSKS:-200}" --respondents "${OTKLIK_RESPONDENTS:-200}" \
  --rate "${OTKLIK_RATE:-40}" --duration "${OTKLIK_DURATION:-8h}" --scenario "${OTKLIK_SCENARIO:-normal}" \
  --summary-out "$run/last-simulation.json" &
simulator=$!
pids+=("$simulator")
wait "$simulator" || true
echo "==> simulation finished; the system keeps running until Ctrl-C"
wait

#!/usr/bin/env bash
# bench/stubs.sh: what stubs cost (issue 20). In one run, one server at a time, with wrk:
#   baseline   the mock jar built from BENCH_BASELINE (a git ref; default: the commit before stubs),
#              which never reached WireMock's stubs: today's cost
#   stubs-0    this tree's jar, no stub registered
#   stubs-10   this tree's jar, --mappings with 10 stubs
#   stubs-1000 this tree's jar, --mappings with 1 000 stubs
# and two scenarios each:
#   events     POST /v8/artifacts/events, one valid event: no stub matches it (every stub is tried)
#   status     GET /v8/artifacts/status?slug=team-N: the last stub registered answers it (with
#              stubs), the mock's own operation otherwise
# It prints requests/s, p50 and p99 per server x scenario, and the ratio of each to the baseline,
# and writes them to bench/results-stubs.md.
#
# Usage: bash bench/stubs.sh [--no-build]
# Settings: BENCH_DURATION=10s  BENCH_WARMUP=5s  BENCH_CONNECTIONS=16  BENCH_THREADS=2
#           BENCH_PORT=18790  BENCH_BASELINE=<git ref>  BENCH_JAVA_HOME (default Temurin 25)
# Exit status: 0 when every server started and answered every scenario as expected.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
cd "$ROOT"
DURATION="${BENCH_DURATION:-10s}"
WARMUP="${BENCH_WARMUP:-5s}"
CONNECTIONS="${BENCH_CONNECTIONS:-16}"
THREADS="${BENCH_THREADS:-2}"
PORT="${BENCH_PORT:-18790}"
BASELINE="${BENCH_BASELINE:-3df3f3a}"
RESULTS="$BENCH_DIR/results-stubs.md"
BUILD=1
[ "${1:-}" = "--no-build" ] && BUILD=0
if [ -z "${BENCH_JAVA_HOME:-}" ]; then
  BENCH_JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
  [ -x "$BENCH_JAVA_HOME/bin/java" ] || BENCH_JAVA_HOME="${JAVA_HOME:?set BENCH_JAVA_HOME to a JDK 21+}"
fi
export JAVA_HOME="$BENCH_JAVA_HOME"
JAVA="$JAVA_HOME/bin/java"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }

WORK="$(mktemp -d)"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# The jars: this tree's, and the baseline's, built from its sources (never installed).
MAVEN=(./mvnw -B -ntp -q -pl mock-server -am package -DskipTests -Dremotecache.aot.skip=true -Dmaven.install.skip=true)
if [ "$BUILD" = 1 ]; then "${MAVEN[@]}"; fi
CURRENT_JAR="$WORK/current.jar"
cp mock-server/target/remote-cache-mock.jar "$CURRENT_JAR"
BASELINE_JAR="$BENCH_DIR/.tools/remote-cache-mock-$BASELINE.jar"
if [ ! -f "$BASELINE_JAR" ]; then
  mkdir -p "$WORK/baseline" "$BENCH_DIR/.tools"
  git archive "$BASELINE" | tar -x -C "$WORK/baseline"
  (cd "$WORK/baseline" && "${MAVEN[@]}")
  cp "$WORK/baseline/mock-server/target/remote-cache-mock.jar" "$BASELINE_JAR"
fi

# N stubs of GET /v8/artifacts/status, one per team (slug=team-1 .. team-N), in WireMock's layout.
stubs() {
  local n="$1" dir="$WORK/stubs-$1"
  mkdir -p "$dir/mappings"
  for i in $(seq 1 "$n"); do
    printf '{"name":"team-%d","request":{"method":"GET","urlPath":"/v8/artifacts/status","queryParameters":{"slug":{"equalTo":"team-%d"}}},"response":{"status":200,"headers":{"Content-Type":"application/json"},"jsonBody":{"status":"paused"}}}\n' "$i" "$i" \
      > "$dir/mappings/team-$i.json"
  done
  echo "$dir"
}

printf '[{"sessionId":"56699e9f-0892-44d5-b956-3f2ddfd4512e","source":"REMOTE","event":"HIT","hash":"6304b9faf99a2e19","duration":178}]' > "$WORK/event.json"

declare -A RPS P50 P99
run_server() {
  local name="$1" jar="$2" stubs="$3"; shift 3
  "$JAVA" -jar "$jar" --port "$PORT" --quiet "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" &
  SERVER_PID=$!
  for _ in $(seq 1 120); do
    curl -fs -o /dev/null -H 'Authorization: Bearer t' "http://127.0.0.1:$PORT/v8/artifacts/status" && break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/$name.err" >&2; echo "bench: $name did not start" >&2; exit 1; }
    sleep 0.5
  done
  local status_url="http://127.0.0.1:$PORT/v8/artifacts/status?slug=team-$stubs"
  local expected='"enabled"'; [ "$stubs" -gt 0 ] && expected='"paused"'
  curl -fs -H 'Authorization: Bearer t' "$status_url" | grep -q "$expected" \
    || { echo "bench: $name answered status without $expected" >&2; exit 1; }
  for scenario in events status; do
    local script="$BENCH_DIR/post.lua" url="http://127.0.0.1:$PORT/v8/artifacts/events"
    [ "$scenario" = status ] && script="$BENCH_DIR/get.lua" url="$status_url"
    BENCH_BODY="$WORK/event.json" wrk -t "$THREADS" -c "$CONNECTIONS" -d "$WARMUP" -s "$script" "$url" >/dev/null
    local line
    line="$(BENCH_BODY="$WORK/event.json" wrk -t "$THREADS" -c "$CONNECTIONS" -d "$DURATION" --latency -s "$script" "$url" | grep '^BENCH ')"
    case "$line" in *status_errors=0*) ;; *) echo "bench: $name $scenario: $line" >&2; exit 1 ;; esac
    RPS[$name.$scenario]="$(sed -E 's/.* rps=([0-9.]+).*/\1/' <<<"$line")"
    P50[$name.$scenario]="$(sed -E 's/.* p50_us=([0-9]+).*/\1/' <<<"$line")"
    P99[$name.$scenario]="$(sed -E 's/.* p99_us=([0-9]+).*/\1/' <<<"$line")"
  done
  kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""
}

run_server baseline "$BASELINE_JAR" 0
run_server stubs-0 "$CURRENT_JAR" 0
run_server stubs-10 "$CURRENT_JAR" 10 --mappings "$(stubs 10)"
run_server stubs-1000 "$CURRENT_JAR" 1000 --mappings "$(stubs 1000)"

{
  echo "# Stubs: what they cost"
  echo
  echo "bench/stubs.sh, $(date -u +%Y-%m-%dT%H:%MZ): wrk -t$THREADS -c$CONNECTIONS -d$DURATION (after $WARMUP warm-up) against the jar on"
  echo "$("$JAVA" -version 2>&1 | head -n1), $(nproc) cores. Baseline: the jar of $BASELINE (no stubs reached)."
  echo "\`events\` is matched by no stub (each is tried); \`status\` is answered by the last stub (the mock's"
  echo "operation for baseline and stubs-0). Ratio: requests/s over the baseline's."
  echo
  echo "| server | scenario | requests/s | p50 ms | p99 ms | ratio to baseline |"
  echo "| --- | --- | ---: | ---: | ---: | ---: |"
  for name in baseline stubs-0 stubs-10 stubs-1000; do
    for scenario in events status; do
      k="$name.$scenario"
      awk -v n="$name" -v s="$scenario" -v r="${RPS[$k]}" -v a="${P50[$k]}" -v b="${P99[$k]}" -v base="${RPS[baseline.$scenario]}" \
        'BEGIN { printf "| %s | %s | %.0f | %.2f | %.2f | %.2f |\n", n, s, r, a/1000, b/1000, r/base }'
    done
  done
} | tee "$RESULTS"

#!/usr/bin/env bash
# bench/ab-jars.sh: an interleaved A/B of two standalone mock jars (issue 22: the single event's
# throughput at bd650a4 against the rebuilt pipeline).
#
# Usage: bash bench/ab-jars.sh OLD_JAR NEW_JAR [ROUNDS] [SCENARIO]
#   ROUNDS    default 7; each round runs both jars, ONE AT A TIME (start, check the answer is 200,
#             warm up, measure, stop), the old one first in odd rounds and the new one first in even
#             rounds, so that a machine getting busier or quieter weighs on both alike
#   SCENARIO  single (default): POST /v8/artifacts/events with one valid event
#             batch100: the same with 100 valid events (~12.5 KB, as turbo sends)
# Each jar is started as a user starts it (java -jar JAR --port P --quiet: its launcher JVM and the
# server JVM, its child), from a copy in a scratch folder with its own cache folder, so neither jar
# has a build's AOT cache beside it (AB_AOT=1: each with its own, as built). Both get the same token (Authorization: Bearer bench-token).
#
# Per round it prints each jar's requests/s and CPU time per request (user + system of the whole
# process tree, from /proc: steadier than requests/s when other work shares the cores), and the
# ratios new/old of requests/s and old/new of CPU per request (both > 1 when the new jar is faster);
# at the end the median of each ratio.
#
# Settings: AB_WARMUP=2s AB_DURATION=8s (wrk -d), AB_CONNECTIONS=16, AB_THREADS=1, BENCH_PORT=18800,
#           BENCH_JAVA_HOME (default Temurin 25, else JAVA_HOME).
# Needs wrk (installed with apt-get when missing, as bench/run.sh does) and curl.
# Exit status: 0 when every run answered 200 throughout; 1 when a jar did not start or answered
# anything else; 2 on a usage error.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }
[[ $# -ge 2 && $# -le 4 ]] || usage
OLD_JAR="$(readlink -f "$1")"
NEW_JAR="$(readlink -f "$2")"
ROUNDS="${3:-7}"
SCENARIO="${4:-single}"
[[ -f "$OLD_JAR" && -f "$NEW_JAR" ]] || { echo "ab-jars.sh: no such jar: $1 or $2" >&2; exit 2; }
[[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || { echo "ab-jars.sh: ROUNDS must be a positive number" >&2; exit 2; }
[[ "$SCENARIO" == single || "$SCENARIO" == batch100 ]] \
  || { echo "ab-jars.sh: SCENARIO is single or batch100" >&2; exit 2; }

WARMUP="${AB_WARMUP:-2s}"
DURATION="${AB_DURATION:-8s}"
CONNECTIONS="${AB_CONNECTIONS:-16}"
THREADS="${AB_THREADS:-1}"
PORT="${BENCH_PORT:-18800}"
JAVA_HOME_BENCH="${BENCH_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
[[ -x "$JAVA_HOME_BENCH/bin/java" ]] || JAVA_HOME_BENCH="${JAVA_HOME:?set BENCH_JAVA_HOME to a JDK 21+}"
JAVA="$JAVA_HOME_BENCH/bin/java"
URL="http://127.0.0.1:$PORT/v8/artifacts/events"

die() { printf 'ab-jars.sh: FAILED: %s\n' "$*" >&2; exit 1; }
if ! command -v wrk >/dev/null; then
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; } >/dev/null 2>&1 \
    || die "wrk is missing and apt-get could not install it"
fi
command -v curl >/dev/null || die "curl is needed (apt-get install -y curl)"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/remote-cache-ab.XXXXXX")"
SERVER_PID=""
stop_server() {
  local pid="$SERVER_PID"
  [[ -n "$pid" ]] || return 0
  SERVER_PID=""
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
cleanup() { stop_server; rm -rf "$WORK"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

# The request bodies: as bench/run.sh writes them.
event_json() { # $1 index, $2 source
  local events=(HIT MISS MISS)
  printf '{"sessionId":"56699e9f-0892-44d5-b956-3f2ddfd4512e","source":"%s","event":"%s","hash":"%016x","duration":%d}' \
    "$2" "${events[$(($1 % 3))]}" $((0x6304b9faf99a2e19 + $1)) $(($1 % 5 * 37))
}
if [[ "$SCENARIO" == single ]]; then
  printf '[%s]' "$(event_json 0 LOCAL)" >"$WORK/body.json"
else
  sources=(LOCAL REMOTE)
  { printf '['
    for ((i = 0; i < 100; i++)); do ((i == 0)) || printf ','; event_json "$i" "${sources[$((i % 2))]}"; done
    printf ']'; } >"$WORK/body.json"
fi
export BENCH_BODY="$WORK/body.json"

mkdir -p "$WORK/old" "$WORK/new"
cp -p "$OLD_JAR" "$WORK/old/remote-cache-mock.jar"
cp -p "$NEW_JAR" "$WORK/new/remote-cache-mock.jar"
# AB_AOT=1: each jar with the AOT cache its build trained beside it (as `java -jar` runs a jar where the
# build left it: JDK 25 keeps the training run's method profiles, so the JIT warms up sooner).
if [[ "${AB_AOT:-0}" == 1 ]]; then
  for side in old new; do
    jar=$OLD_JAR; [[ $side == new ]] && jar=$NEW_JAR
    for cache in "${jar%.jar}".*.aot "${jar%.jar}".*.aot.jar.sha256; do
      [[ -f "$cache" ]] && cp -p "$cache" "$WORK/$side/"
    done
    ls "$WORK/$side/"*.aot >/dev/null 2>&1 || die "AB_AOT=1: no AOT cache beside $jar (build it without -Dremotecache.aot.skip)"
  done
fi

post() {
  curl -s -o /dev/null -w '%{http_code}' --max-time 5 -X POST -H 'Content-Type: application/json' \
    -H 'Authorization: Bearer bench-token' --data-binary "@$BENCH_BODY" "$URL" || true
}
tree_pids() {
  local pid="$1" child
  echo "$pid"
  for child in $(cat /proc/"$pid"/task/*/children 2>/dev/null); do tree_pids "$child"; done
}
cpu_ticks() { # user + system ticks of the process tree
  local pid total=0 t
  for pid in $(tree_pids "$1"); do
    t="$(sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null | awk '{ print $12 + $13 }')"
    total=$((total + ${t:-0}))
  done
  echo "$total"
}
CLK_TCK="$(getconf CLK_TCK)"

# Runs jar $1 (old or new) once; prints "rps cpu_us_per_request".
run_jar() {
  local name="$1" status="" i
  REMOTE_CACHE_MOCK_CACHE_DIR="$WORK/$name/cache" \
    "$JAVA" -jar "$WORK/$name/remote-cache-mock.jar" --port "$PORT" --quiet >"$WORK/$name/log" 2>&1 &
  SERVER_PID=$!
  for ((i = 0; i < 600; i++)); do
    status="$(post)"
    [[ "$status" == 000 ]] || break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/$name/log" >&2; die "the $name jar exited before answering"; }
    sleep 0.1
  done
  [[ "$status" == 200 ]] || { cat "$WORK/$name/log" >&2; die "the $name jar answered $status, not 200"; }
  wrk -t "$THREADS" -c "$CONNECTIONS" -d "$WARMUP" -s "$BENCH_DIR/post.lua" "$URL" >/dev/null
  local before after line
  before="$(cpu_ticks "$SERVER_PID")"
  line="$(wrk -t "$THREADS" -c "$CONNECTIONS" -d "$DURATION" -s "$BENCH_DIR/post.lua" "$URL" | grep '^BENCH ')"
  after="$(cpu_ticks "$SERVER_PID")"
  stop_server
  [[ "$line" == *" status_errors=0 "* ]] || die "the $name jar answered something else than 200 under load: $line"
  awk -v line="$line" -v ticks=$((after - before)) -v hz="$CLK_TCK" 'BEGIN {
    n = split(line, f, /[ =]/); for (i = 2; i < n; i += 2) v[f[i]] = f[i + 1]
    printf "%.0f %.1f\n", v["rps"], ticks / hz * 1e6 / v["requests"] }'
}

median() { sort -g | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }

echo "A/B $SCENARIO: old $OLD_JAR, new $NEW_JAR; $ROUNDS rounds, wrk -t$THREADS -c$CONNECTIONS, $WARMUP warm-up, $DURATION measured"
printf '%-6s %10s %10s %10s %12s %12s %10s\n' round "old req/s" "new req/s" "new/old" "old us/req" "new us/req" "CPU old/new"
: >"$WORK/ratios"
for ((r = 1; r <= ROUNDS; r++)); do
  if ((r % 2)); then old="$(run_jar old)"; new="$(run_jar new)"; else new="$(run_jar new)"; old="$(run_jar old)"; fi
  read -r old_rps old_cpu <<<"$old"
  read -r new_rps new_cpu <<<"$new"
  ratio="$(awk -v a="$new_rps" -v b="$old_rps" 'BEGIN { printf "%.3f", a / b }')"
  cpu_ratio="$(awk -v a="$old_cpu" -v b="$new_cpu" 'BEGIN { printf "%.3f", a / b }')"
  echo "$ratio $cpu_ratio" >>"$WORK/ratios"
  printf '%-6s %10s %10s %10s %12s %12s %10s\n' "$r" "$old_rps" "$new_rps" "$ratio" "$old_cpu" "$new_cpu" "$cpu_ratio"
done
echo "median new/old requests/s: $(awk '{ print $1 }' "$WORK/ratios" | median)"
echo "median old/new CPU per request: $(awk '{ print $2 }' "$WORK/ratios" | median)"

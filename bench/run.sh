#!/usr/bin/env bash
# bench/run.sh: side-by-side load benchmark of the remote-cache mock (issue 6).
#
# Usage (from anywhere; paths are resolved from this file):
#   bash bench/run.sh              build the mock, install tools, run everything (~4-5 min)
#   bash bench/run.sh --no-build   use mock-server/target/remote-cache-mock.jar as it is
#   bash bench/run.sh --help
#
# What it does, in one run:
#   1. installs what it needs, never globally: wrk (apt, only if missing), Prism into bench/.tools
#      (npm --prefix), the plain WireMock standalone jar into bench/.tools (Maven);
#   2. builds the mock jar (unless --no-build or BENCH_BUILD=0);
#   3. for each server, ONE AT A TIME (start, check answers, warm up, measure, stop):
#        mock      our mock, validating: java -jar mock-server/target/remote-cache-mock.jar --port P --quiet
#                  (the documented launch: a small launcher JVM and the server's JVM, its child, with
#                  the JVM defaults and the AOT cache the build trained; measured together)
#        wiremock-default  the same WireMock (3.13.2), plain stubs, no validation (bench/wiremock/mappings),
#                  started with WireMock's defaults (its request journal on, keeping every request)
#        wiremock  the same, with the request journal off:
#                  the fastest WireMock can answer
#        prism     Prism mocking openapi/remote-cache-api.yaml (Prism validates requests too)
#        bare      bench/BareServer.java: JDK HttpServer answering 200 with no work (the machine's limit)
#      drives each scenario with wrk (bench/post.lua) and records requests/s, p50 and p99 latency,
#      and the server's CPU time per request (with the JIT + GC share for JVM servers); per server
#      also the start time (launch -> first answered request, polled with curl), the resident
#      memory (VmRSS, summed over the server's process tree) after start and after the sustained
#      load, and the live Java heap after a GC; for the mock also its first start ever, from a copy
#      of the jar with no class-data cache at all;
#        single   one valid event                          (200 expected)
#        batch100 100 valid events, ~12.5 KB, as turbo sends (200 expected)
#        invalid  one event with source "local"            (400 from validating servers, 200 from the others)
#        mix      turbo-like traffic (bench/mix.lua): 1 MB artifact downloads (hits) and uploads, a
#                 download of a missing artifact (404), and the events, in a fixed cycle of five
#                 (not run against wiremock-default: its journal would keep every 1 MB upload)
#   4. times validating one request of 10 / 100 / 1 000 / 10 000 events in-process
#      (bench/ValidationScaling.java) and says whether it is linear;
#   5. prints a table with every figure and the mock's ratio to each server, and writes it with the
#      machine's details to bench/results.md (overwritten each run).
#
# Settings (environment variables):
#   BENCH_DURATION=10s    measured wrk run per server x scenario (wrk -d syntax)
#   BENCH_WARMUP=5s       unmeasured wrk run per scenario, all done before the server's first
#                         measured run (JIT compilation, pools, caches)
#   BENCH_CONNECTIONS=16  wrk -c
#   BENCH_THREADS=2       wrk -t
#   BENCH_SERVERS="mock wiremock-default wiremock prism bare"   which servers, in this order (the mock must be in it for ratios);
#                         also: mock-image, the container image in podman (--network host; its RSS and CPU
#                         are the container's JVM's). It loads release/mock-image/target/remote-cache-mock-image.tar
#                         (./mvnw -Pimage package) unless BENCH_IMAGE names an image podman already has.
#   BENCH_SCENARIOS="single batch100 invalid mix"
#   BENCH_PORT=18770      first port; servers use BENCH_PORT, +1, +2, +3, +4 (all on 127.0.0.1)
#   BENCH_START_TIMEOUT=60  seconds a server may take to answer its first request
#   BENCH_BUILD=1         0 skips the Maven build (same as --no-build)
#   BENCH_SCALING=1       0 skips the validation-scaling check
#   BENCH_JAVA_HOME       JDK 21+ for every Java server (default: Temurin 25 if present, else
#                         JAVA_HOME or the newest JDK 21+ in /usr/lib/jvm). The mock's launcher runs
#                         on it and starts the server's JVM on the same JDK.
#   BENCH_COLD_START=1    0 skips the mock's first-start-without-cache measurement
#   BENCH_RESULTS=bench/results.md
#
# Exit status: 0 when every server started and answered as expected; non-zero with a message naming
# the server when one fails to start, answers a scenario with the wrong status, or a tool is missing.
# Every server started here is stopped on exit, also on Ctrl-C or an error (trap cleanup).
# Traffic only ever goes to 127.0.0.1; every load run is bounded by -d and a timeout.

set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
TOOLS="$BENCH_DIR/.tools"
cd "$ROOT"

DURATION="${BENCH_DURATION:-10s}"
WARMUP="${BENCH_WARMUP:-5s}"
CONNECTIONS="${BENCH_CONNECTIONS:-16}"
THREADS="${BENCH_THREADS:-2}"
SERVERS="${BENCH_SERVERS:-mock wiremock-default wiremock prism bare}"
SCENARIOS="${BENCH_SCENARIOS:-single batch100 invalid mix}"
PORT_BASE="${BENCH_PORT:-18770}"
START_TIMEOUT="${BENCH_START_TIMEOUT:-60}"
BUILD="${BENCH_BUILD:-1}"
SCALING="${BENCH_SCALING:-1}"
COLD_START="${BENCH_COLD_START:-1}"
RESULTS="${BENCH_RESULTS:-$BENCH_DIR/results.md}"

WIREMOCK_VERSION=3.13.2          # the version the mock embeds (see the root pom.xml)
PRISM_VERSION=5.16.0
MOCK_JAR="$ROOT/mock-server/target/remote-cache-mock.jar"
WIREMOCK_JAR="$TOOLS/wiremock-standalone-$WIREMOCK_VERSION.jar"
ROUTE=/v8/artifacts/events
IMAGE_TAR="$ROOT/release/mock-image/target/remote-cache-mock-image.tar"
BENCH_IMAGE="${BENCH_IMAGE:-}"
IMAGE_CONTAINER="remote-cache-bench-$$"
IMAGE_PID=""
export CONTAINERS_CONF="${CONTAINERS_CONF:-$ROOT/.ci/containers.conf}"

for arg in "$@"; do
  case "$arg" in
    --no-build) BUILD=0 ;;
    -h|--help) sed -n '2,/^$/p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown argument '$arg' (try --help)" >&2; exit 2 ;;
  esac
done

say() { printf '%s\n' "$*" >&2; }
step() { printf '\n== %s\n' "$*" >&2; }
die() { printf '\nrun.sh: FAILED: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------------------------------------
# Cleanup: whatever server is running is stopped, whatever way this script ends.

SERVER_PID=""
SERVER_NAME=""
WORK="$(mktemp -d "${TMPDIR:-/tmp}/remote-cache-bench.XXXXXX")"

stop_server() {
  local pid="$SERVER_PID"
  [[ -n "$pid" ]] || return 0
  SERVER_PID=""
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    # Give it 10 s to stop cleanly, then force it.
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
      say "   $SERVER_NAME (pid $pid) did not stop on SIGTERM; killing it"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  stop_server
  [[ " $SERVERS " != *" mock-image "* ]] || podman rm -f "$IMAGE_CONTAINER" >/dev/null 2>&1 || true
  if [[ $status -ne 0 && -d "$WORK" ]]; then
    say "run.sh: raw outputs kept in $WORK"
  else
    rm -rf "$WORK"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'say "run.sh: interrupted"; exit 130' INT TERM

# ---------------------------------------------------------------------------------------------
# Tools

java_feature() { # JAVA_VERSION="25.0.1" in a JDK's release file -> 25
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null
}

pick_java_home() {
  local candidate best="" best_feature=0 f
  for candidate in "${BENCH_JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 "${JAVA_HOME:-}"; do
    [[ -n "$candidate" ]] || continue
    f="$(java_feature "$candidate")"
    if [[ -n "$f" && "$f" -ge 21 && -x "$candidate/bin/java" ]]; then echo "$candidate"; return; fi
    [[ "$candidate" != "${BENCH_JAVA_HOME:-}" ]] || die "BENCH_JAVA_HOME=$candidate is not a JDK 21+"
  done
  for candidate in /usr/lib/jvm/*; do
    f="$(java_feature "$candidate")"
    if [[ -n "$f" && "$f" -ge 21 && "$f" -gt "$best_feature" && -x "$candidate/bin/java" ]]; then
      best="$candidate"; best_feature="$f"
    fi
  done
  [[ -n "$best" ]] || die "no JDK 21+ found (set BENCH_JAVA_HOME); the mock needs one"
  echo "$best"
}

install_tools() {
  step "Tools"
  if ! command -v wrk >/dev/null; then
    say "   wrk: installing with apt-get"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; } >"$WORK/apt.log" 2>&1 \
      || die "could not install wrk with apt-get (see $WORK/apt.log)"
  fi
  command -v curl >/dev/null || die "curl is needed (apt-get install -y curl)"
  say "   wrk: $(wrk --version 2>&1 | head -1 | cut -c1-40)"

  if [[ " $SERVERS " == *" prism "* ]]; then
    if [[ ! -x "$TOOLS/node_modules/.bin/prism" ]]; then
      command -v npm >/dev/null || die "npm is needed to install Prism"
      say "   prism: installing @stoplight/prism-cli@$PRISM_VERSION into bench/.tools"
      mkdir -p "$TOOLS"
      npm install --prefix "$TOOLS" --no-audit --no-fund --loglevel=error \
        "@stoplight/prism-cli@$PRISM_VERSION" >"$WORK/npm.log" 2>&1 \
        || die "npm could not install Prism (see $WORK/npm.log)"
    fi
    say "   prism: $("$TOOLS/node_modules/.bin/prism" --version) on node $(node --version)"
  fi

  if [[ " $SERVERS " == *" mock-image "* ]]; then
    command -v podman >/dev/null || die "podman is needed for mock-image (apt-get install podman runc)"
    if [[ -z "$BENCH_IMAGE" ]]; then
      [[ -f "$IMAGE_TAR" ]] || die "$IMAGE_TAR is missing: ./mvnw -Pimage package -DskipTests"
      BENCH_IMAGE="$(podman load -q -i "$IMAGE_TAR" | sed -n 's/^Loaded image: //p' | tail -n1)"
    fi
    say "   mock-image: $BENCH_IMAGE"
  fi

  if [[ " $SERVERS " == *" wiremock "* && ! -f "$WIREMOCK_JAR" ]]; then
    say "   wiremock: copying org.wiremock:wiremock-standalone:$WIREMOCK_VERSION into bench/.tools"
    # -N: run the goal once, on the root project only, not once per module.
    JAVA_HOME="$JAVA_HOME_BENCH" ./mvnw -q -N dependency:copy \
      "-Dartifact=org.wiremock:wiremock-standalone:$WIREMOCK_VERSION" "-DoutputDirectory=$TOOLS" \
      >"$WORK/mvn-copy.log" 2>&1 || die "Maven could not copy the WireMock jar (see $WORK/mvn-copy.log)"
  fi
}

build_mock() {
  if [[ "$BUILD" == 1 ]]; then
    step "Building the mock (./mvnw -q -pl mock-server -am package -DskipTests)"
    JAVA_HOME="$JAVA_HOME_BENCH" ./mvnw -q -pl mock-server -am package -DskipTests >"$WORK/build.log" 2>&1 \
      || { tail -30 "$WORK/build.log" >&2; die "the mock did not build (log above)"; }
  fi
  [[ -f "$MOCK_JAR" ]] || die "$MOCK_JAR is missing (run without --no-build)"
}

# ---------------------------------------------------------------------------------------------
# Request bodies: the same bytes for the curl checks and for wrk.

write_bodies() {
  local n i sources=(LOCAL REMOTE) events=(HIT MISS MISS)
  event_json() { # $1 index, $2 source
    printf '{"sessionId":"56699e9f-0892-44d5-b956-3f2ddfd4512e","source":"%s","event":"%s","hash":"%016x","duration":%d}' \
      "$2" "${events[$(($1 % 3))]}" $((0x6304b9faf99a2e19 + $1)) $(($1 % 5 * 37))
  }
  printf '[%s]' "$(event_json 0 LOCAL)" >"$WORK/single.json"
  printf '[%s]' "$(event_json 0 local)" >"$WORK/invalid.json"
  {
    printf '['
    for ((i = 0; i < 100; i++)); do
      ((i == 0)) || printf ','
      event_json "$i" "${sources[$((i % 2))]}"
    done
    printf ']'
  } >"$WORK/batch100.json"
  # The mix: one artifact of 1 MB (random bytes: incompressible, like turbo's archives), the events.
  head -c 1048576 /dev/urandom >"$WORK/artifact.bin"
  mkdir -p "$BENCH_DIR/wiremock/__files"
  cp "$WORK/artifact.bin" "$BENCH_DIR/wiremock/__files/artifact.bin"
  printf '[%s]' "$(event_json 0 REMOTE)" >"$WORK/hit.json"
  sed 's/"event":"HIT"/"event":"MISS"/' "$WORK/hit.json" >"$WORK/miss.json"
}

scenario_title() {
  case "$1" in
    single) echo "single valid event ($(stat -c %s "$WORK/single.json") B)" ;;
    batch100) echo "100-event batch ($(( $(stat -c %s "$WORK/batch100.json") / 1024 )).$(( $(stat -c %s "$WORK/batch100.json") % 1024 * 10 / 1024 )) KB)" ;;
    invalid) echo "invalid request: source \"local\" ($(stat -c %s "$WORK/invalid.json") B)" ;;
    mix) echo "turbo-like mix: 1 MB downloads and uploads, a 404, events (bench/mix.lua)" ;;
  esac
}

# The scenarios run against server $1.
server_scenarios() {
  local s
  for s in $SCENARIOS; do
    [[ "$1:$s" != wiremock-default:mix ]] && printf '%s ' "$s"
  done
}

# The status each server must answer each scenario with; a mismatch means the load run would
# measure the wrong thing, so the run stops.
expected_status() { # $1 server, $2 scenario
  case "$1:$2" in
    mock:invalid | mock-image:invalid | prism:invalid) echo 400 ;;
    # mix.lua's cycle downloads one missing artifact in five requests: 404 from a server that keeps
    # artifacts (or a stub that says so); Prism and the bare server answer everything 2xx.
    mock:mix | mock-image:mix | wiremock*:mix) echo "1 in 5 is 404" ;;
    *:mix) echo "all 2xx" ;;
    *) echo 200 ;;
  esac
}

# ---------------------------------------------------------------------------------------------
# Servers

server_port() { # mock wiremock prism bare wiremock-default -> BENCH_PORT + 0..4
  case "$1" in mock | mock-cold) echo "$PORT_BASE" ;; wiremock) echo $((PORT_BASE + 1)) ;;
    prism) echo $((PORT_BASE + 2)) ;; bare) echo $((PORT_BASE + 3)) ;; wiremock-default) echo $((PORT_BASE + 4)) ;;
    mock-image) echo $((PORT_BASE + 5)) ;;
    *) die "unknown server '$1'" ;; esac
}

server_label() {
  case "$1" in
    mock) echo "mock (validating)" ;;
    mock-cold) echo "mock, first start ever (no class-data cache)" ;;
    mock-image) echo "mock, container image (podman, one JVM)" ;;
    wiremock) echo "WireMock $WIREMOCK_VERSION plain stub, journal off" ;;
    wiremock-default) echo "WireMock $WIREMOCK_VERSION plain stub, defaults" ;;
    prism) echo "Prism $PRISM_VERSION" ;; bare) echo "bare JDK HttpServer" ;;
  esac
}

# Fills the array CMD with the command that starts server $1 on port $2. $! is what is stopped (as a
# user would stop it); RSS and CPU are summed over it and its descendants (the mock's launcher and
# the server JVM it starts), and jcmd goes to the JVM that serves (jvm_pid).
server_command() {
  local java="$JAVA_HOME_BENCH/bin/java"
  case "$1" in
    mock) CMD=("$java" -jar "$MOCK_JAR" --port "$2" --quiet) ;;
    mock-image)
      # As a user runs the image (podman run, attached: SIGTERM to it stops the container), on loopback.
      IMAGE_PID=""
      CMD=(podman run --rm --network host --name "$IMAGE_CONTAINER" "$BENCH_IMAGE" --host 127.0.0.1 --port "$2" --quiet) ;;
    mock-cold)
      # A copy of the jar with no AOT cache beside it and an empty user cache folder: what the very
      # first start costs (a JDK other than the build's, or the jar copied elsewhere, starts like this
      # once; from the second start on it has a dynamic CDS archive).
      mkdir -p "$WORK/cold"
      rm -rf "$WORK/cold/cache"
      cp "$MOCK_JAR" "$WORK/cold/remote-cache-mock.jar"
      CMD=(env "REMOTE_CACHE_MOCK_CACHE_DIR=$WORK/cold/cache" "$java" -jar "$WORK/cold/remote-cache-mock.jar"
        --port "$2" --quiet) ;;
    wiremock)
      # Configured like the mock's embedded WireMock: no request journal (the mock disables it
      # too), quiet, bound to loopback. Its only stub: bench/wiremock/mappings/record-events.json.
      CMD=("$java" -jar "$WIREMOCK_JAR" --port "$2" --bind-address 127.0.0.1 --root-dir "$BENCH_DIR/wiremock"
        --no-request-journal --disable-banner) ;;
    wiremock-default)
      # As WireMock starts by default (request journal on, unbounded), with the same stubs.
      CMD=("$java" -jar "$WIREMOCK_JAR" --port "$2" --bind-address 127.0.0.1 --root-dir "$BENCH_DIR/wiremock"
        --disable-banner) ;;
    prism)
      # node directly (not the .bin shim) so the PID is Prism's. -v fatal: no per-request log
      # lines, like the mock's --quiet (Prism logs every request at info and every violation at error).
      CMD=(node "$(readlink -f "$TOOLS/node_modules/.bin/prism")" mock -h 127.0.0.1 -p "$2" -v fatal
        "$ROOT/openapi/remote-cache-api.yaml") ;;
    bare) CMD=("$java" "$BENCH_DIR/BareServer.java" "$2" "$WORK/artifact.bin") ;;
  esac
}

# POSTs body file $2 to server port $1; prints the status code (000 when nothing answered).
post() {
  curl -s -o "$WORK/last-answer" -w '%{http_code}' --max-time "${3:-5}" -X POST \
    -H 'Content-Type: application/json' -H 'Authorization: Bearer bench-token' \
    --data-binary "@$2" "http://127.0.0.1:$1$ROUTE" || true
}

now_ms() { echo $(( ${EPOCHREALTIME/./} / 1000 )); }   # bash 5 builtin clock, no fork

# CPU time the server process has used so far (user + system, all its threads: request threads, GC,
# JIT), in clock ticks. Per request it is steadier than requests/s when other work shares the cores.
# The process and its descendants, parent first.
tree_pids() {
  local pid="$1" child
  echo "$pid"
  for child in $(cat /proc/"$pid"/task/*/children 2>/dev/null); do tree_pids "$child"; done
}

# What is measured for a server process: itself and its descendants; for the container image, the
# container's own process tree (the JVM), which is not under the podman client.
measured_pids() {
  if [[ "$SERVER_NAME" == mock-image && "$1" == "$SERVER_PID" ]]; then
    [[ -n "$IMAGE_PID" ]] || IMAGE_PID="$(podman inspect -f '{{.State.Pid}}' "$IMAGE_CONTAINER" 2>/dev/null || true)"
    tree_pids "${IMAGE_PID:-$1}"
  else
    tree_pids "$1"
  fi
}

# The JVM that serves: the deepest process of the tree (the mock's server JVM under its launcher).
jvm_pid() { measured_pids "$1" | tail -1; }

cpu_ticks() {
  local pid total=0 t
  for pid in $(measured_pids "$1"); do
    t="$(sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null | awk '{ print $12 + $13 }')"
    total=$((total + ${t:-0}))
  done
  echo "$total"
}
CLK_TCK="$(getconf CLK_TCK)"

# Per-thread CPU ticks ("name<TAB>ticks" per thread; Linux cuts thread names to 15 characters).
thread_ticks() {
  local task
  for task in $(for pid in $(measured_pids "$1"); do echo /proc/"$pid"/task/*; done); do
    printf '%s\t%s\t%s\n' "${task##*/}" "$(cat "$task/comm" 2>/dev/null)" \
      "$(sed 's/.*) //' "$task/stat" 2>/dev/null | awk '{ print $12 + $13 }')"
  done
}

# Share of the CPU between two thread_ticks snapshots spent by HotSpot's JIT compiler and GC threads:
# a JVM server still compiling its request path, or collecting a growing heap, shows it here.
jit_gc_share() {
  awk -F'\t' 'NR == FNR { before[$1] = $3; next }
    { d = $3 - before[$1]; if (d <= 0) next; total += d
      if ($2 ~ /^(C[12] Compiler|GC Thread|G1 )/) vm += d }
    END { printf "%.0f", total ? 100 * vm / total : 0 }' "$1" "$2"
}

# VmRSS summed over the process tree (a user pays for the mock's launcher and its server JVM both).
rss_mb() {
  local pid kb total=0
  for pid in $(measured_pids "$1"); do
    kb="$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" 2>/dev/null)"
    total=$((total + ${kb:-0}))
  done
  if ((total == 0)); then echo "?"; else awk -v kb="$total" 'BEGIN { printf "%.0f", kb / 1024 }'; fi
}

# For the JVM servers: heap still in use after a full GC (jcmd), i.e. what the server retains, as
# opposed to RSS, which mostly shows how far the GC let the heap grow under load. "-" for Prism.
live_heap_mb() {
  # The image has no jcmd: the host's attaches to its JVM (a process of this machine, seen by its PID).
  [[ "$1" != prism ]] || { echo "-"; return; }
  local jcmd="$JAVA_HOME_BENCH/bin/jcmd"
  local pid; pid="$(jvm_pid "$SERVER_PID")"
  # The class histogram forces a full GC first; its Total line is the live objects' size, whatever
  # the collector (GC.heap_info prints each collector's generations differently).
  timeout 60 "$jcmd" "$pid" GC.class_histogram 2>/dev/null \
    | awk '$1 == "Total" { printf "%.0f", $3 / 1048576; found = 1 } END { if (!found) printf "?" }'
}

# Starts server $1 and waits for its first answer; sets SERVER_PID and START_MS[$1].
start_server() {
  local name="$1" port t0 code
  port="$(server_port "$name")"
  code="$(post "$port" "$WORK/single.json" 1)"
  [[ "$code" == 000 ]] || die "port $port already answers HTTP (status $code): stop whatever listens there or set BENCH_PORT"
  server_command "$name" "$port"
  SERVER_NAME="$name"
  t0="$(now_ms)"
  "${CMD[@]}" >"$WORK/$name.log" 2>&1 &
  SERVER_PID=$!
  # Tight poll with the real request: "started" means the route answers, first-request work included.
  while :; do
    code="$(post "$port" "$WORK/single.json" 2)"
    [[ "$code" == 000 ]] || break
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      wait "$SERVER_PID" 2>/dev/null && rc=0 || rc=$?
      SERVER_PID=""
      tail -20 "$WORK/$name.log" >&2
      die "$(server_label "$name") exited with status $rc before answering (command: ${CMD[*]}; log above)"
    fi
    if (( $(now_ms) - t0 > START_TIMEOUT * 1000 )); then
      tail -20 "$WORK/$name.log" >&2
      die "$(server_label "$name") did not answer on 127.0.0.1:$port within ${START_TIMEOUT}s (log above)"
    fi
    sleep 0.01
  done
  START_MS[$name]=$(( $(now_ms) - t0 ))
  RSS_START[$name]="$(rss_mb "$SERVER_PID")"
  say "   started in ${START_MS[$name]} ms (first answer: $code), pid $SERVER_PID, RSS ${RSS_START[$name]} MB"
}

# Runs wrk for $3 against server port $1 with scenario $2; prints the BENCH line of the Lua script
# (bench/post.lua POSTs the scenario's body; bench/mix.lua sends the mix).
run_wrk() {
  local port="$1" scenario="$2" duration="$3" out="$4" seconds script="$BENCH_DIR/post.lua"
  seconds="$(duration_seconds "$duration")"
  [[ "$scenario" != mix ]] || script="$BENCH_DIR/mix.lua"
  # timeout: a hard bound even if wrk hangs on a server that stopped answering.
  BENCH_BODY="$WORK/$scenario.json" BENCH_ARTIFACT="$WORK/artifact.bin" BENCH_HIT_EVENT="$WORK/hit.json" \
    BENCH_MISS_EVENT="$WORK/miss.json" timeout --signal=INT --kill-after=5 $((seconds + 30)) \
    wrk -t "$THREADS" -c "$CONNECTIONS" -d "$duration" --latency -s "$script" \
    "http://127.0.0.1:$port$ROUTE" >"$out" 2>&1 || { cat "$out" >&2; die "wrk failed against port $port"; }
  grep '^BENCH ' "$out" || { cat "$out" >&2; die "wrk printed no result line"; }
}

# Before the mix: uploads the eight artifacts its downloads hit, then downloads one; prints the
# download's status, or the first upload status that is not 2xx.
prepare_mix() {
  local port="$1" k code
  for k in 0 1 2 3 4 5 6 7; do
    code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -X PUT -H 'Authorization: Bearer bench-token' \
      -H 'Content-Type: application/octet-stream' -H 'x-artifact-duration: 1234' \
      --data-binary "@$WORK/artifact.bin" "http://127.0.0.1:$port/v8/artifacts/benchhit$k" || true)"
    [[ "$code" == 2* ]] || { echo "$code"; return; }
  done
  curl -s -o "$WORK/last-answer" -w '%{http_code}' --max-time 10 -H 'Authorization: Bearer bench-token' \
    "http://127.0.0.1:$port/v8/artifacts/benchhit0" || true
}

duration_seconds() { # wrk durations: 10s, 2m, 1h, or plain seconds
  local d="$1"
  case "$d" in *s) echo "${d%s}" ;; *m) echo $(( ${d%m} * 60 )) ;; *h) echo $(( ${d%h} * 3600 )) ;; *) echo "$d" ;; esac
}

field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; } # field NAME "BENCH a=1 b=2"

bench_server() {
  local name="$1" port scenario expected code line non2xx sockerr requests ticks
  port="$(server_port "$name")"
  step "$(server_label "$name") on 127.0.0.1:$port"
  start_server "$name"
  for scenario in $(server_scenarios "$name"); do
    expected="$(expected_status "$name" "$scenario")"
    if [[ "$scenario" == mix ]]; then
      code="$(prepare_mix "$port")"
      [[ "$code" != 200 ]] || code="$expected" # the cycle's statuses are checked after the load
    else
      code="$(post "$port" "$WORK/$scenario.json")"
    fi
    if [[ "$code" != "$expected" ]]; then
      say "   answer: $(head -c 400 "$WORK/last-answer" 2>/dev/null)"
      die "$(server_label "$name") answered the $scenario request with $code, expected $expected"
    fi
    STATUS[$name,$scenario]="$code"
  done
  # Warm up on every scenario before measuring any: a JVM server's JIT otherwise compiles much of
  # its request path during the first measured scenario, which then looks slower than the others.
  say "   warming up: $WARMUP per scenario"
  for scenario in $(server_scenarios "$name"); do
    run_wrk "$port" "$scenario" "$WARMUP" "$WORK/wrk-$name-$scenario-warmup.txt" >/dev/null
  done
  for scenario in $(server_scenarios "$name"); do
    expected="$(expected_status "$name" "$scenario")"
    ticks="$(cpu_ticks "$SERVER_PID")"
    thread_ticks "$SERVER_PID" >"$WORK/threads-before"
    line="$(run_wrk "$port" "$scenario" "$DURATION" "$WORK/wrk-$name-$scenario.txt")"
    ticks=$(( $(cpu_ticks "$SERVER_PID") - ticks ))
    thread_ticks "$SERVER_PID" >"$WORK/threads-after"
    if [[ "$name" == prism ]]; then VM_PCT[$name,$scenario]="-"
    else VM_PCT[$name,$scenario]="$(jit_gc_share "$WORK/threads-before" "$WORK/threads-after")%"; fi
    RPS[$name,$scenario]="$(field rps "$line")"
    P50[$name,$scenario]="$(field p50_us "$line")"
    P99[$name,$scenario]="$(field p99_us "$line")"
    non2xx="$(field status_errors "$line")"; sockerr="$(field socket_errors "$line")"; requests="$(field requests "$line")"
    CPU_US[$name,$scenario]="$(awk -v t="$ticks" -v hz="$CLK_TCK" -v n="$requests" 'BEGIN { printf "%.0f", n ? t / hz * 1e6 / n : 0 }')"
    # wrk counts answers >= 400 as status errors: all of them for a 400 scenario, none otherwise.
    NOTE[$name,$scenario]=""
    case "$expected" in
      200 | "all 2xx") if [[ "$non2xx" != 0 ]]; then NOTE[$name,$scenario]+=" ($non2xx non-2xx!)"; fi ;;
      "1 in 5 is 404") # one per cycle of five, give or take the cycles in flight when the run ends
        if (( non2xx * 5 < requests - 5 * CONNECTIONS || non2xx * 5 > requests + 5 * CONNECTIONS )); then
          NOTE[$name,$scenario]+=" ($non2xx of $requests not 2xx!)"; fi ;;
      *) if [[ "$non2xx" != "$requests" ]]; then NOTE[$name,$scenario]+=" ($((requests - non2xx)) not $expected!)"; fi ;;
    esac
    if [[ "$sockerr" != 0 ]]; then NOTE[$name,$scenario]+=" ($sockerr socket errors)"; fi
    say "$(printf '   %-9s %9s req/s  p50 %8s ms  p99 %8s ms  CPU %6s us/req (JIT+GC %s)  (%s requests, status %s%s)' \
      "$scenario" "${RPS[$name,$scenario]}" "$(ms "${P50[$name,$scenario]}")" "$(ms "${P99[$name,$scenario]}")" \
      "${CPU_US[$name,$scenario]}" "${VM_PCT[$name,$scenario]}" "$requests" "${STATUS[$name,$scenario]}" \
      "${NOTE[$name,$scenario]}")"
  done
  kill -0 "$SERVER_PID" 2>/dev/null || die "$(server_label "$name") died during the load run (see $WORK/$name.log)"
  RSS_LOAD[$name]="$(rss_mb "$SERVER_PID")"
  HEAP_LIVE[$name]="$(live_heap_mb "$name")"
  say "   RSS after the load: ${RSS_LOAD[$name]} MB; Java heap in use after a full GC: ${HEAP_LIVE[$name]} MB"
  stop_server
}

# ---------------------------------------------------------------------------------------------
# Report

ms() { awk -v us="$1" 'BEGIN { f = us >= 100000 ? "%.0f" : us >= 10000 ? "%.1f" : "%.2f"; printf f, us / 1000 }'; }
num() { awk -v x="$1" 'BEGIN { printf "%.0f", x }'; }
# Which class-data cache the mock's start used: the AOT cache the build wrote beside the jar, if any.
aot_note() {
  local f
  f="$(ls "$(dirname "$MOCK_JAR")"/remote-cache-mock.*.aot 2>/dev/null | head -1)"
  if [[ -n "$f" ]]; then echo "AOT cache ${f##*/}, used when the JDK is the one that wrote it"; else echo "none found beside the jar"; fi
}

ratio() { # ratio A B -> "A/B" formatted as 0.42x (empty when B is 0 or missing)
  awk -v a="$1" -v b="$2" 'BEGIN {
    if (a == "" || a == "?" || b == "?" || b + 0 == 0) { print "-"; exit }
    r = a / b; f = r >= 10 ? "%.0fx" : r >= 1 ? "%.1fx" : "%.2fx"; printf f, r }'
}

machine_info() {
  echo "- date: $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
  echo "- machine: $(nproc) cores ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM, $(uname -sr)"
  echo "- load average before / after: $LOAD_BEFORE / $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine makes absolute numbers noisy; ratios from one run hold better)"
  echo "- JDK (mock, WireMock, bare): $("$JAVA_HOME_BENCH/bin/java" -version 2>&1 | head -1) ($("$JAVA_HOME_BENCH/bin/java" -version 2>&1 | sed -n 2p))"
  [[ " $SERVERS " != *" prism "* ]] || echo "- Prism $PRISM_VERSION on node $(node --version)"
  echo "- load: $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2), $THREADS threads, $CONNECTIONS connections, $DURATION measured per server x scenario after a warm-up of $WARMUP on each scenario; servers run one at a time, wrk on the same 2 cores"
  echo "- commit: $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- . ':!bench' 2>/dev/null || echo ' (with local changes)')"
}

report() {
  local s name
  echo "## Throughput and latency"
  echo
  echo "Ratios are the mock's figure divided by that server's: for req/s below 1 means the mock serves"
  echo "fewer requests; for latency and CPU above 1 means the mock is slower / costlier. Status is what the"
  echo "server answered. CPU/req: CPU time of the server process (all threads, GC and JIT included) during"
  echo "the measured run divided by the requests it served; it moves less than req/s when other work"
  echo "competes for the cores, and wrk's own CPU is not in it. JIT+GC: the part of that CPU spent by the"
  echo "JVM's compiler and GC threads (a JVM server still compiling its request path, or collecting a"
  echo "growing heap); not measured for Prism."
  for s in $SCENARIOS; do
    echo
    echo "### $(scenario_title "$s")"
    echo
    echo "| server | status | req/s | p50 ms | p99 ms | CPU µs/req | JIT+GC | mock req/s ÷ | mock p50 ÷ | mock p99 ÷ | mock CPU/req ÷ |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    for name in $SERVERS; do
      if [[ -z "${RPS[$name,$s]:-}" ]]; then
        echo "| $(server_label "$name") | not run | - | - | - | - | - | - | - | - | - |"
        continue
      fi
      echo "| $(server_label "$name") | ${STATUS[$name,$s]}${NOTE[$name,$s]} | $(num "${RPS[$name,$s]}") | $(ms "${P50[$name,$s]}") | $(ms "${P99[$name,$s]}") | ${CPU_US[$name,$s]} | ${VM_PCT[$name,$s]} | $(ratio "${RPS[mock,$s]:-}" "${RPS[$name,$s]}") | $(ratio "${P50[mock,$s]:-}" "${P50[$name,$s]}") | $(ratio "${P99[mock,$s]:-}" "${P99[$name,$s]}") | $(ratio "${CPU_US[mock,$s]:-}" "${CPU_US[$name,$s]}") |"
    done
    if [[ -n "${RPS[mock,$s]:-}" && -n "${RPS[bare,$s]:-}" ]]; then
      echo
      echo "The mock serves $(awk -v a="${RPS[mock,$s]}" -v b="${RPS[bare,$s]}" 'BEGIN { printf "%.0f", 100 * a / b }')% of the machine's limit (the bare server's req/s)."
    fi
    if [[ "$s" == mix && -n "${RPS[mock,$s]:-}" ]]; then
      echo "Each cycle of five requests moves 2 MB (one 1 MB download, one 1 MB upload): the mock moved $(awk -v r="${RPS[mock,$s]}" 'BEGIN { printf "%.0f", r * 2 / 5 }') MB/s of artifacts."
      echo "Prism does not store: its downloads answer the spec's example, not 1 MB."
    fi
  done
  echo
  echo "## Start time and memory"
  echo
  echo "Start: from launching the process to its first answer to a valid POST (curl polled every ~10 ms)."
  echo "The mock's start uses the class-data cache its build trained ($(aot_note));"
  echo "its first start ever, with no cache at all, is the row below it."
  echo "RSS: VmRSS of the server process right after that first answer, and after all its load runs, summed"
  echo "over its process tree (for the mock: the launcher JVM and the server JVM it starts)."
  echo "Live heap: Java objects still live once the load is over (jcmd GC.class_histogram, which forces a"
  echo "full GC): what the server keeps. JVM RSS after load is mostly heap the GC grew into: for WireMock"
  echo "and the bare server up to 1/4 of RAM, for the mock up to its launcher's cap (384 MiB by default)."
  echo
  echo "| server | start ms | RSS started MB | RSS after load MB | live heap after load MB | mock start ÷ | mock RSS after load ÷ |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
  for name in $SERVERS; do
    echo "| $(server_label "$name") | ${START_MS[$name]} | ${RSS_START[$name]} | ${RSS_LOAD[$name]} | ${HEAP_LIVE[$name]} | $(ratio "${START_MS[mock]:-}" "${START_MS[$name]}") | $(ratio "${RSS_LOAD[mock]:-}" "${RSS_LOAD[$name]}") |"
    if [[ "$name" == mock && -n "${START_MS[mock-cold]:-}" ]]; then
      echo "| $(server_label mock-cold) | ${START_MS[mock-cold]} | ${RSS_START[mock-cold]} | - | - | - | - |"
    fi
  done
}

# ---------------------------------------------------------------------------------------------
# Main

declare -A RPS P50 P99 CPU_US VM_PCT STATUS NOTE START_MS RSS_START RSS_LOAD HEAP_LIVE
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
T_BEGIN="$(now_ms)"

JAVA_HOME_BENCH="$(pick_java_home)"
[[ " $SERVERS " == *" mock "* ]] || say "run.sh: note: 'mock' is not in BENCH_SERVERS, so there are no ratios"
install_tools
build_mock
write_bodies

if [[ " $SERVERS " == *" mock "* && "$COLD_START" == 1 ]]; then
  step "$(server_label mock-cold)"
  start_server mock-cold
  stop_server
fi
for name in $SERVERS; do
  bench_server "$name"
done

SCALING_MD=""
if [[ "$SCALING" == 1 ]]; then
  step "Validation cost by batch size (bench/ValidationScaling.java, in-process, no HTTP)"
  SCALING_MD="$(timeout 180 "$JAVA_HOME_BENCH/bin/java" -cp "$MOCK_JAR" "$BENCH_DIR/ValidationScaling.java" 2>"$WORK/scaling.err")" \
    || { cat "$WORK/scaling.err" >&2; die "ValidationScaling failed"; }
fi

TABLES="$(report)"
{
  echo "# Benchmark results"
  echo
  echo "Written by \`bash bench/run.sh\` (overwritten on every run; see bench/README.md). Run took $(( ($(now_ms) - T_BEGIN) / 1000 )) s."
  echo
  machine_info
  echo
  echo "$TABLES"
  if [[ -n "$SCALING_MD" ]]; then
    echo
    echo "## Validation cost by batch size"
    echo
    echo "\`ApiContract.validateRequest(...)\` on one valid request, in-process (no HTTP), median after warm-up."
    echo
    echo "$SCALING_MD"
  fi
} >"$RESULTS"

step "Results (also in ${RESULTS#"$ROOT"/})"
# The same Markdown, readable in a terminal as it is.
sed -n '/^## Throughput/,$p' "$RESULTS"
say ""
say "run.sh: done in $(( ($(now_ms) - T_BEGIN) / 1000 )) s"

#!/usr/bin/env bash
# bench/profile.sh: where the mock spends its time, with JFR (the data behind bench/PROFILE.md).
#
# Usage:
#   bash bench/profile.sh              build the mock, then profile it (~5 min)
#   bash bench/profile.sh --no-build   profile mock-server/target/remote-cache-mock.jar as it is
#
# Steps (the mock alone, on 127.0.0.1, one process at a time; every load run bounded by -d):
#   1. load profile: starts the mock like the README does (java -jar ... --quiet), plus a deeper JFR
#      stack depth; per scenario (single, batch100, invalid) warms up, records PROFILE_DURATION of
#      wrk load with JFR (settings=profile, sampling every 1 ms), then prints `jfr view hot-methods` and
#      bench/JfrBreakdown.java (CPU and allocation by stage of the request path, callers of the
#      hidden costs, bytes allocated per request);
#   2. start-up breakdown: bench/StartupBreakdown.java (spec parse, validator, WireMock, first
#      request) in a fresh JVM, and a JFR recording of a real start (launch -> first answer);
#   3. start-up experiments: launch -> first answer (median of PROFILE_STARTS runs) with the
#      default flags and with JVM options the launcher could pass (C1 only, Serial GC, an AOT cache
#      trained on one run, JDK 25's JEP 514/515);
#   4. WireMock options (bench/WireMockVariants.java: the mock's WireMock set-up without its filter,
#      as it is and with the recommended options): start time, single-event requests/s and CPU per
#      request, medians of interleaved rounds.
# Everything lands in bench/.profile/ (git-ignored): the .jfr files and one .txt per analysis.
#
# Env: PROFILE_DURATION=10s, PROFILE_WARMUP=5s, PROFILE_STARTS=3, PROFILE_VARIANT_DURATION=5s,
#      PROFILE_VARIANTS="none lean", PROFILE_ROUNDS=3,
#      PROFILE_STEPS="1 2 3 4" (which steps to run), BENCH_PORT=18780,
#      BENCH_JAVA_HOME (a JDK 21+, default Temurin 25; the AOT experiment needs 25+),
#      BENCH_CONNECTIONS=16, BENCH_THREADS=2.

set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
OUT="$BENCH_DIR/.profile"
cd "$ROOT"

DURATION="${PROFILE_DURATION:-10s}"
WARMUP="${PROFILE_WARMUP:-5s}"
STARTS="${PROFILE_STARTS:-3}"
PORT="${BENCH_PORT:-18780}"
CONNECTIONS="${BENCH_CONNECTIONS:-16}"
THREADS="${BENCH_THREADS:-2}"
JAVA_HOME_BENCH="${BENCH_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME_BENCH/bin/java"
MOCK_JAR="$ROOT/mock-server/target/remote-cache-mock.jar"
ROUTE=/v8/artifacts/events
BUILD=1
[[ "${1:-}" == "--no-build" ]] && BUILD=0

die() { printf '\nprofile.sh: FAILED: %s\n' "$*" >&2; exit 1; }
step() { printf '\n== %s\n' "$*"; }

[[ -x "$JAVA" && -x "$JAVA_HOME_BENCH/bin/jcmd" && -x "$JAVA_HOME_BENCH/bin/jfr" ]] \
  || die "$JAVA_HOME_BENCH is not a full JDK (java, jcmd, jfr); set BENCH_JAVA_HOME"
command -v wrk >/dev/null || die "wrk is missing: run bench/run.sh once (it installs it) or apt-get install -y wrk"

PID=""
stop_mock() {
  local pid="$PID"
  [[ -n "$pid" ]] || return 0
  PID=""
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
trap 'stop_mock' EXIT
trap 'exit 130' INT TERM

if [[ "$BUILD" == 1 ]]; then
  step "Building the mock"
  JAVA_HOME="$JAVA_HOME_BENCH" ./mvnw -q -pl mock-server -am package -DskipTests >/dev/null 2>&1 || die "build failed"
fi
[[ -f "$MOCK_JAR" ]] || die "$MOCK_JAR is missing"
mkdir -p "$OUT/classes"
STEPS="${PROFILE_STEPS:-1 2 3 4}"
want() { [[ " $STEPS " == *" $1 "* ]]; }

# Same bodies as run.sh (one event; 100 events; one event with source "local").
event_json() {
  local events=(HIT MISS MISS)
  printf '{"sessionId":"56699e9f-0892-44d5-b956-3f2ddfd4512e","source":"%s","event":"%s","hash":"%016x","duration":%d}' \
    "$2" "${events[$(($1 % 3))]}" $((0x6304b9faf99a2e19 + $1)) $(($1 % 5 * 37))
}
printf '[%s]' "$(event_json 0 LOCAL)" >"$OUT/single.json"
printf '[%s]' "$(event_json 0 local)" >"$OUT/invalid.json"
{ printf '['; for ((i = 0; i < 100; i++)); do ((i == 0)) || printf ','; s=LOCAL; ((i % 2)) && s=REMOTE; event_json "$i" "$s"; done; printf ']'; } >"$OUT/batch100.json"

now_ms() { echo $(( ${EPOCHREALTIME/./} / 1000 )); }
answers() { curl -s -o /dev/null --max-time 2 -X POST -H 'Content-Type: application/json' \
  -H 'Authorization: Bearer x' --data-binary "@$OUT/single.json" "http://127.0.0.1:$PORT$ROUTE"; }

# Starts the mock with extra JVM options "$@"; waits for its first answer; sets PID and STARTED_MS
# (launch -> first answer). Not to be called in $(...): PID must stay in this shell for the trap.
start_mock() {
  answers && die "port $PORT already answers; set BENCH_PORT"
  local t0
  t0="$(now_ms)"
  "$JAVA" "$@" -jar "$MOCK_JAR" --port "$PORT" --quiet >>"$OUT/mock.log" 2>&1 &
  PID=$!
  until answers; do
    kill -0 "$PID" 2>/dev/null || { PID=""; tail "$OUT/mock.log" >&2; die "the mock exited during start ($*)"; }
    (( $(now_ms) - t0 < 60000 )) || die "the mock did not answer within 60 s"
    sleep 0.01
  done
  STARTED_MS=$(( $(now_ms) - t0 ))
  # java -jar starts a launcher that runs the server in a child JVM: jcmd and the thread counts go
  # to the JVM that serves (the launcher itself when it runs the server in-process).
  JVM_PID="$(cat /proc/"$PID"/task/*/children 2>/dev/null | awk '{ print $1; exit }')"
  JVM_PID="${JVM_PID:-$PID}"
}

# Per-thread CPU ticks of process $1, one "tid<TAB>ticks<TAB>name" line per thread (Linux truncates
# thread names to 15 characters: "qtp1181947538-2", "GC Thread#0", "C2 CompilerThre", ...).
thread_ticks() {
  local task
  for task in /proc/"$1"/task/*; do
    printf '%s\t%s\t%s\n' "${task##*/}" "$(sed 's/.*) //' "$task/stat" 2>/dev/null | awk '{ print $12 + $13 }')" \
      "$(cat "$task/comm" 2>/dev/null)"
  done
}

# Where the process's CPU went between two thread_ticks snapshots ($1 before, $2 after), by kind of
# thread: Jetty's request threads, GC, JIT compilers, the rest. JFR's execution samples only see the
# first kind; this shows what GC (the journal keeps everything) and JIT add.
thread_split() {
  awk -F'\t' -v hz="$(getconf CLK_TCK)" -v n="${3:-0}" '
    NR == FNR { before[$1] = $2; next }
    {
      d = $2 - before[$1]; if (d <= 0) next
      k = $3 ~ /^qtp/ ? "Jetty request threads (qtp*)" : $3 ~ /^(GC Thread|G1 )/ ? "GC (G1 threads)" \
        : $3 ~ /^C[12] Compiler/ ? "JIT compilers" : $3 ~ /^VM Thread/ ? "VM thread (safepoints)" \
        : $3 ~ /^JFR|^JFR/ ? "JFR" : "other threads"
      cpu[k] += d; total += d
    }
    END {
      for (k in cpu) printf "   %5.1f%%  %7.0f us/req  %s\n", 100 * cpu[k] / total, n ? cpu[k] / hz * 1e6 / n : 0, k
      printf "   total %.1f s CPU = %.0f us per request\n", total / hz, n ? total / hz * 1e6 / n : 0
    }' "$1" "$2" | sort -k1,1 -rn
}

load() { # scenario duration -> BENCH line
  BENCH_BODY="$OUT/$1.json" timeout --signal=INT 120 wrk -t "$THREADS" -c "$CONNECTIONS" -d "$2" --latency \
    -s "$BENCH_DIR/post.lua" "http://127.0.0.1:$PORT$ROUTE" | grep '^BENCH '
}

# ---------------------------------------------------------------------------------------------
if want 1; then
step "1. Load profile (JFR, settings=profile, $DURATION per scenario after $WARMUP warm-up)"
# A deep stack depth: Jetty + WireMock + the validator + networknt recursion exceed JFR's default 64
# frames, and truncated stacks lose exactly the frames that say which stage a sample belongs to.
start_mock -XX:FlightRecorderOptions:stackdepth=512
echo "   mock started in $STARTED_MS ms (pid $PID)"
for scenario in single batch100 invalid; do
  load "$scenario" "$WARMUP" >/dev/null
done
# Sampling every 1 ms (profile settings: 10 ms) for enough samples in a short run; on JDK 25+ also
# jdk.CPUTimeSample (JEP 509: CPU-time sampling, native code and system calls included).
SAMPLING=('jdk.ExecutionSample#period=1ms')
if (( $(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$JAVA_HOME_BENCH/release") >= 25 )); then
  SAMPLING+=('jdk.CPUTimeSample#enabled=true' 'jdk.CPUTimeSample#throttle=1ms')
fi
for scenario in single batch100 invalid; do
  "$JAVA_HOME_BENCH/bin/jcmd" "$JVM_PID" JFR.start name="$scenario" settings=profile "${SAMPLING[@]}" >/dev/null
  thread_ticks "$JVM_PID" >"$OUT/threads-before"
  line="$(load "$scenario" "$DURATION")"
  thread_ticks "$JVM_PID" >"$OUT/threads-after"
  "$JAVA_HOME_BENCH/bin/jcmd" "$JVM_PID" JFR.stop name="$scenario" filename="$OUT/$scenario.jfr" >/dev/null
  requests="$(sed -n 's/.* requests=\([0-9]*\).*/\1/p' <<<"$line")"
  echo "   $scenario: $line"
  {
    echo "# $scenario: $line"
    echo
    echo "CPU of the mock process during the recording, by thread (from /proc):"
    thread_split "$OUT/threads-before" "$OUT/threads-after" "$requests"
    echo
    "$JAVA_HOME_BENCH/bin/jfr" view --width 200 hot-methods "$OUT/$scenario.jfr"
    echo
    "$JAVA" "$BENCH_DIR/JfrBreakdown.java" "$OUT/$scenario.jfr" "$requests" \
      --focus com.atlassian.oai --focus com.networknt --focus dev.remotecache --focus com.github.tomakehurst \
      --callers LoggedRequest.createFrom --callers Pattern.compile --callers Urls.safelyCreateURL \
      --callers GzipHandler.handle --callers ObjectMapper.readValue --callers ObjectMapper.writeValueAsString \
      --callers ObjectMapper.readTree --callers ObjectMapper.convertValue --callers ServeEvent.replaceRequest
    if [[ "${#SAMPLING[@]}" -gt 1 ]]; then
      echo
      echo "# The same from CPU-time samples (jdk.CPUTimeSample)"
      "$JAVA" "$BENCH_DIR/JfrBreakdown.java" "$OUT/$scenario.jfr" "$requests" --cpu-time \
        --callers LoggedRequest.createFrom --callers ServeEvent.replaceRequest
    fi
  } >"$OUT/$scenario.txt" 2>&1
  echo "   -> bench/.profile/$scenario.txt"
done
"$JAVA_HOME_BENCH/bin/jcmd" "$JVM_PID" GC.class_histogram >"$OUT/histogram-after-load.txt" 2>&1 || true
echo "   RSS after the load: $(awk '/^VmRSS:/ { printf "%.0f MB", $2 / 1024 }' "/proc/$JVM_PID/status") (server JVM)"
# The class histogram forces a full GC first: its total is what the server keeps (any collector).
echo "   live heap after the load: $(awk '/^Total/ { printf "%.0f MB", $3 / 1048576 }' "$OUT/histogram-after-load.txt") (mostly the journal, bounded by --journal-limit)"
stop_mock
fi

# ---------------------------------------------------------------------------------------------
if want 2; then
step "2. Start-up breakdown"
mkdir -p "$OUT/classes"
"$JAVA_HOME_BENCH/bin/javac" -nowarn -cp "$MOCK_JAR" -d "$OUT/classes" "$BENCH_DIR/StartupBreakdown.java" 2>/dev/null \
  || die "cannot compile StartupBreakdown.java"
"$JAVA" -cp "$MOCK_JAR:$OUT/classes" StartupBreakdown | tee "$OUT/startup-breakdown.txt"

start_mock -XX:FlightRecorderOptions:stackdepth=512 \
  "-XX:StartFlightRecording=name=startup,settings=profile,filename=$OUT/startup.jfr"
"$JAVA_HOME_BENCH/bin/jcmd" "$JVM_PID" JFR.stop name=startup >/dev/null 2>&1 || true
stop_mock
{
  echo "# JFR recording from launch to the first answer ($STARTED_MS ms with JFR on)"
  "$JAVA_HOME_BENCH/bin/jfr" view --width 200 hot-methods "$OUT/startup.jfr"
  "$JAVA" "$BENCH_DIR/JfrBreakdown.java" "$OUT/startup.jfr" \
    --focus io.swagger --focus com.atlassian.oai --focus com.github.tomakehurst --focus dev.remotecache \
    --callers ClassLoader.loadClass --callers OpenAPIParser.readContents --callers OpenApiInteractionValidator
} >"$OUT/startup-jfr.txt" 2>&1
echo "   -> bench/.profile/startup-jfr.txt"
fi

# ---------------------------------------------------------------------------------------------
if want 3; then
step "3. Start-up experiments: launch -> first answer, median of $STARTS"
# Sets MEDIAN_MS: the median launch -> first answer over STARTS starts with JVM options "$@".
median_start() {
  local runs=() i
  for ((i = 0; i < STARTS; i++)); do
    start_mock "$@"
    runs+=("$STARTED_MS")
    stop_mock
  done
  MEDIAN_MS="$(printf '%s\n' "${runs[@]}" | sort -n | sed -n "$(( (STARTS + 1) / 2 ))p")"
}
experiment() { # label, JVM options...
  local label="$1"
  shift
  median_start "$@"
  printf '| %s | %s |\n' "$label" "$MEDIAN_MS" | tee -a "$OUT/startup-experiments.txt"
}
printf '| JVM options | launch -> first answer, ms |\n| --- | ---: |\n' | tee "$OUT/startup-experiments.txt"
experiment "(none: as the README runs it)" -Dbench.default=true
experiment "-XX:TieredStopAtLevel=1 (C1 only)" -XX:TieredStopAtLevel=1
experiment "-XX:+UseSerialGC" -XX:+UseSerialGC
experiment "-Xshare:off (no CDS at all, for scale)" -Xshare:off
if "$JAVA" -XX:+PrintFlagsFinal -version 2>/dev/null | grep -q AOTCacheOutput; then
  # Training run (JDK 25, JEP 514): start, serve some requests of each kind, stop; the JVM writes
  # the cache as it exits.
  start_mock "-XX:AOTCacheOutput=$OUT/mock.aot"
  for scenario in single batch100 invalid; do load "$scenario" 1s >/dev/null; done
  stop_mock
  if [[ -f "$OUT/mock.aot" ]]; then
    experiment "-XX:AOTCache=mock.aot (trained once; $(du -m "$OUT/mock.aot" | cut -f1) MB file)" "-XX:AOTCache=$OUT/mock.aot"
    experiment "-XX:AOTCache=mock.aot -XX:TieredStopAtLevel=1" "-XX:AOTCache=$OUT/mock.aot" -XX:TieredStopAtLevel=1
  else
    echo "   (no AOT cache was written; see bench/.profile/mock.log)"
  fi
fi
fi

# ---------------------------------------------------------------------------------------------
if want 4; then
step "4. WireMock options, WireMock alone (bench/WireMockVariants.java): start and single-event load"
# Each variant: JVM start -> listening (printed by the program), then $WARMUP of warm-up and
# $VARIANT_DURATION measured, with the server's CPU time per request. PROFILE_VARIANTS picks the
# variants (default "none lean"; e.g. "none notemplating nogzip noproxyclient noh2c urlpath lean").
VARIANT_DURATION="${PROFILE_VARIANT_DURATION:-5s}"
"$JAVA_HOME_BENCH/bin/javac" -nowarn -cp "$MOCK_JAR" -d "$OUT/classes" "$BENCH_DIR/WireMockVariants.java" 2>/dev/null \
  || die "cannot compile WireMockVariants.java"
cpu_ticks() { sed 's/.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'; }
start_variant() { # options -> sets PID; prints nothing
  answers && die "port $PORT already answers; set BENCH_PORT"
  : >"$OUT/variant.log"
  "$JAVA" -cp "$MOCK_JAR:$OUT/classes" WireMockVariants "$PORT" "$1" >"$OUT/variant.log" 2>&1 &
  PID=$!
  local t0
  t0="$(now_ms)"
  until grep -q '^started in' "$OUT/variant.log" && answers; do
    kill -0 "$PID" 2>/dev/null || { PID=""; cat "$OUT/variant.log" >&2; die "WireMockVariants $1 exited"; }
    (( $(now_ms) - t0 < 60000 )) || die "WireMockVariants $1 did not start within 60 s"
    sleep 0.02
  done
}
# The machine is shared, so variants are measured in interleaved rounds (A B A B ...) and each
# figure is the median over the rounds: a burst of outside load then hits every variant alike.
VARIANTS="${PROFILE_VARIANTS:-none lean}"
ROUNDS="${PROFILE_ROUNDS:-3}"
declare -A V_START V_RPS V_CPU
for ((round = 0; round < ROUNDS; round++)); do
  for variant in $VARIANTS; do
    start_variant "$variant"
    V_START[$variant]+="$(sed -n 's/^started in \([0-9]*\) ms.*/\1/p' "$OUT/variant.log") "
    load single "$WARMUP" >/dev/null
    ticks="$(cpu_ticks "$PID")"
    line="$(load single "$VARIANT_DURATION")"
    ticks=$(( $(cpu_ticks "$PID") - ticks ))
    stop_mock
    requests="$(sed -n 's/.* requests=\([0-9]*\).*/\1/p' <<<"$line")"
    V_RPS[$variant]+="$(sed -n 's/.* rps=\([0-9]*\).*/\1/p' <<<"$line") "
    V_CPU[$variant]+="$(awk -v t="$ticks" -v hz="$(getconf CLK_TCK)" -v n="$requests" 'BEGIN { printf "%.0f", t / hz * 1e6 / n }') "
  done
done
median() { tr ' ' '\n' <<<"$1" | grep . | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
printf '| WireMock options | start ms | single req/s | single CPU us/req | (per round: start / req/s / CPU) |\n| --- | ---: | ---: | ---: | --- |\n' \
  | tee "$OUT/wiremock-options.txt"
for variant in $VARIANTS; do
  printf '| %s | %s | %s | %s | %s / %s / %s |\n' "$variant" "$(median "${V_START[$variant]}")" "$(median "${V_RPS[$variant]}")" \
    "$(median "${V_CPU[$variant]}")" "${V_START[$variant]% }" "${V_RPS[$variant]% }" "${V_CPU[$variant]% }" \
    | tee -a "$OUT/wiremock-options.txt"
done
fi

echo
echo "profile.sh: done; outputs in bench/.profile/"

#!/usr/bin/env bash
# Start to first answer, the standalone jar against the container image, interleaved on this machine:
#   jar    java -jar mock-server/target/remote-cache-mock.jar (launcher + server JVM, the build's AOT cache)
#   image  podman run --rm --network host IMAGE (one JVM, the image's AOT cache), podman's own time included
# From launching the command to the first 200 of GET /v8/artifacts/status (curl polled every ~10 ms);
# prints each run and the medians. Loopback only; every server is stopped before the next starts.
#   BENCH_RUNS=7  BENCH_IMAGE=localhost/remote-cache-mock:VERSION (loaded: podman load -i mock-image/target/remote-cache-mock-image.tar)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${BENCH_RUNS:-7}
image=${BENCH_IMAGE:-localhost/remote-cache-mock:$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -n1)}
java=${BENCH_JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
jar=mock-server/target/remote-cache-mock.jar
export CONTAINERS_CONF="${CONTAINERS_CONF:-$PWD/.ci/containers.conf}"
port=${BENCH_PORT:-18790}
now_ms() { echo $(( ${EPOCHREALTIME/./} / 1000 )); }

first_answer_ms() { # $1 = start time; polls until the mock answers
  local t0=$1
  until curl -fs -o /dev/null --max-time 1 -H 'Authorization: Bearer bench' "http://127.0.0.1:$port/v8/artifacts/status"; do
    (( $(now_ms) - t0 < 60000 )) || { echo "no answer within 60 s" >&2; exit 1; }
    sleep 0.01
  done
  echo $(( $(now_ms) - t0 ))
}

declare -a jar_ms image_ms
for i in $(seq 1 "$runs"); do
  t0=$(now_ms); "$java" -jar "$jar" --port "$port" --quiet >/dev/null 2>&1 & pid=$!
  jar_ms+=("$(first_answer_ms "$t0")"); kill -TERM "$pid"; wait "$pid" 2>/dev/null || true

  t0=$(now_ms); podman run --rm --network host --name "bench-image-start-$$" "$image" --host 127.0.0.1 --port "$port" --quiet >/dev/null 2>&1 & pid=$!
  image_ms+=("$(first_answer_ms "$t0")"); podman stop -t 10 "bench-image-start-$$" >/dev/null; wait "$pid" 2>/dev/null || true
  echo "run $i: jar ${jar_ms[-1]} ms, image ${image_ms[-1]} ms"
done
median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
echo "median of $runs: jar $(median "${jar_ms[@]}") ms, image $(median "${image_ms[@]}") ms (load average $(cut -d' ' -f1-3 /proc/loadavg))"

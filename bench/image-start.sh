#!/usr/bin/env bash
# Start to first answer, the standalone jar against the container image, interleaved on this machine:
#   jar    java -jar mock-server/target/remote-cache-mock.jar (launcher + server JVM, the build's AOT cache)
#   image  podman run --rm --network host IMAGE (one JVM, the image's AOT cache), podman's own time included
# From launching the command to the first 200 of GET /v8/artifacts/status (curl polled every ~10 ms).
#
# Each total is split where the server's JVM process begins (its start time in /proc, 10 ms ticks):
#   jar    launcher JVM until it has started the server's JVM | server JVM to first answer
#   image  podman + runc until the container's process exists | that JVM to first answer
# and a no-op start shows the container engine's own cost: `java -version` in the image (podman + the
# image's java) against `java -version` on the host.
# Prints each run and the medians. Loopback only; every server is stopped before the next starts.
#   BENCH_RUNS=7  BENCH_IMAGE=localhost/remote-cache-mock:VERSION (loaded: podman load -i release/mock-image/target/remote-cache-mock-image.tar)
#   BENCH_PODMAN_OPTS="--security-opt seccomp=unconfined" (extra podman run options, e.g. to compare)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${BENCH_RUNS:-7}
image=${BENCH_IMAGE:-localhost/remote-cache-mock:$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -n1)}
java=${BENCH_JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
jar=mock-server/target/remote-cache-mock.jar
read -r -a podman_opts <<< "${BENCH_PODMAN_OPTS:-}"
export CONTAINERS_CONF="${CONTAINERS_CONF:-$PWD/.ci/containers.conf}"
port=${BENCH_PORT:-18790}
now_ms() { echo $(( ${EPOCHREALTIME/./} / 1000 )); }
tick_ms=$(( 1000 / $(getconf CLK_TCK) ))
boot_ms=$(( $(now_ms) - $(cut -d' ' -f1 /proc/uptime | tr -d .) * 10 ))

first_answer_ms() { # $1 = start time; polls until the mock answers
  local t0=$1
  until curl -fs -o /dev/null --max-time 1 -H 'Authorization: Bearer bench' "http://127.0.0.1:$port/v8/artifacts/status"; do
    (( $(now_ms) - t0 < 60000 )) || { echo "no answer within 60 s" >&2; exit 1; }
    sleep 0.01
  done
  echo $(( $(now_ms) - t0 ))
}
# When process $1 began, in ms since $2 (field 22 of /proc/PID/stat: clock ticks since boot).
began_after_ms() {
  local ticks
  ticks=$(awk '{ sub(/.*\) /, ""); print $20 }' "/proc/$1/stat")
  echo $(( boot_ms + ticks * tick_ms - $2 ))
}
noop_ms() { local t0; t0=$(now_ms); "$@" >/dev/null 2>&1; echo $(( $(now_ms) - t0 )); }

declare -a jar_ms jar_split image_ms image_split jar_v image_v
for i in $(seq 1 "$runs"); do
  t0=$(now_ms); "$java" -jar "$jar" --port "$port" --quiet >/dev/null 2>&1 & pid=$!
  jar_ms+=("$(first_answer_ms "$t0")")
  server=$(pgrep -P "$pid" | head -n1)
  jar_split+=("$(began_after_ms "$server" "$t0")")
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true

  name="bench-image-start-$$"
  t0=$(now_ms); podman run --rm --network host "${podman_opts[@]}" --name "$name" "$image" --host 127.0.0.1 --port "$port" --quiet >/dev/null 2>&1 & pid=$!
  image_ms+=("$(first_answer_ms "$t0")")
  image_split+=("$(began_after_ms "$(podman inspect -f '{{.State.Pid}}' "$name")" "$t0")")
  podman stop -t 10 "$name" >/dev/null; wait "$pid" 2>/dev/null || true

  jar_v+=("$(noop_ms "$java" -version)")
  image_v+=("$(noop_ms podman run --rm --network host "${podman_opts[@]}" --entrypoint /usr/lib/jvm/bin/java "$image" -version)")
  echo "run $i: jar ${jar_ms[-1]} ms (server JVM began at ${jar_split[-1]}), image ${image_ms[-1]} ms (its JVM began at ${image_split[-1]});" \
    "java -version: host ${jar_v[-1]} ms, image ${image_v[-1]} ms"
done
median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
jm=$(median "${jar_ms[@]}"); im=$(median "${image_ms[@]}")
echo "median of $runs: jar $jm ms, image $im ms (image/jar $(awk -v a="$im" -v b="$jm" 'BEGIN { printf "%.2f", a / b }'))"
echo "  jar:   launcher until the server JVM began $(median "${jar_split[@]}") ms; server JVM to first answer $(median "$(for k in "${!jar_ms[@]}"; do echo $(( jar_ms[k] - jar_split[k] )); done)") ms"
echo "  image: podman until its JVM began $(median "${image_split[@]}") ms; JVM to first answer $(median "$(for k in "${!image_ms[@]}"; do echo $(( image_ms[k] - image_split[k] )); done)") ms"
echo "  java -version: on the host $(median "${jar_v[@]}") ms, in the image (podman run) $(median "${image_v[@]}") ms"
echo "load average $(cut -d' ' -f1-3 /proc/loadavg)"

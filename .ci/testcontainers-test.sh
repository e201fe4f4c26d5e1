#!/usr/bin/env bash
# The Testcontainers module (testcontainers/) against the image from the release bundle, in podman through
# its Docker-compatible API socket: the image is loaded, not built again. Podman runs on a storage of its
# own under target/podman (nothing else's containers or images are touched; no container or volume is left).
# No registry is reachable: Ryuk (Testcontainers' reaper, an image from a registry) is disabled, and the
# test stops its own containers. Needs podman + runc (.ci/run installs them) and the bundle
# (./mvnw -Prelease package).
set -euo pipefail
cd "$(dirname "$0")/.."
export CONTAINERS_CONF="${CONTAINERS_CONF:-$PWD/.ci/containers.conf}"
say() { echo "[testcontainers-test] $*"; }

work="$PWD/target/podman"
podman_() { podman --root "$work/root" --runroot "$work/run" "$@"; }
sock="$work/podman.sock"
mkdir -p "$work" && rm -f "$sock"

tar=$(ls target/release/remote-cache-mock-image-*.tar)
image=$(podman_ load -q -i "$tar" | sed -n 's/^Loaded image: //p' | tail -n1)
[ -n "$image" ] || { echo "[testcontainers-test] podman load -i $tar named no image" >&2; exit 1; }
podman_ image prune -f >/dev/null # an image this name had before (an earlier bundle's), now unnamed
say "loaded $image"

# podman itself in the background (not through podman_, whose subshell would be what $! names and kill stops)
podman --root "$work/root" --runroot "$work/run" system service --time=0 "unix://$sock" > "$work/service.log" 2>&1 &
service=$!
cleanup() {
  podman_ rm -af >/dev/null 2>&1 || true
  kill "$service" 2>/dev/null || true
  wait "$service" 2>/dev/null || true
  podman_ volume prune -f >/dev/null 2>&1 || true
}
trap cleanup EXIT
for _ in $(seq 1 300); do
  curl -fsS -o /dev/null --unix-socket "$sock" http://podman/_ping 2>/dev/null && break
  kill -0 "$service" 2>/dev/null || { cat "$work/service.log" >&2; echo "[testcontainers-test] podman system service stopped" >&2; exit 1; }
  sleep 0.1
done
say "podman's API on $sock"

# Testcontainers: this engine, no Ryuk, and the mapped ports on loopback (inside a container, /.dockerenv,
# it would take the bridge's gateway address instead). Without the engine or the image the test fails here.
export DOCKER_HOST="unix://$sock" TESTCONTAINERS_RYUK_DISABLED=true TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1
started=$(date +%s)
rm -rf testcontainers/target/surefire-reports
./mvnw -B -ntp -q -pl testcontainers -am test -Dtest='RemoteCacheMockContainerTest,MyToolTest,ReadmeExampleTest' -Dsurefire.failIfNoSpecifiedTests=false \
  -Dremotecache.requireContainers=true -Dcodegen.skip=true # the admin client as the release build generated it
# Every test ran (none skipped): the module's test, the README's example (MyToolTest) and its check.
reports=(testcontainers/target/surefire-reports/TEST-*.xml)
count() { sed -n "s/.*<testsuite [^>]* $1=\"\([0-9]*\)\".*/\1/p" "${reports[@]}" | awk '{n += $1} END {print n + 0}'; }
tests=$(count tests); skipped=$(count skipped)
[ "${#reports[@]}" = 3 ] && [ "$tests" -gt 0 ] && [ "$skipped" = 0 ] \
  || { echo "[testcontainers-test] ${#reports[@]} test classes, $tests tests, $skipped skipped" >&2; exit 1; }
say "$tests passed, 0 failed in $(( $(date +%s) - started )) s"
[ -z "$(podman_ ps -aq)" ] || { echo "[testcontainers-test] the test left containers behind:" >&2; podman_ ps -a >&2; exit 1; }

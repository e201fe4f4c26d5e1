#!/usr/bin/env bash
# The container image from the release bundle, run as a user runs it (README): loaded into podman,
# started on loopback, then the real turbo, @vercel/sdk and the conformance suite against it, a volume
# that keeps artifacts across a restart, and a clean stop. Needs podman + runc (.ci/run installs them)
# and the bundle (./mvnw -Prelease package).
set -euo pipefail
cd "$(dirname "$0")/.."
export CONTAINERS_CONF="${CONTAINERS_CONF:-$PWD/.ci/containers.conf}"
token=secrettoken # the token RealClientsInteropTest sends
say() { echo "[image-test] $*"; }

tar=$(ls target/release/remote-cache-mock-image-*.tar)
image=$(podman load -q -i "$tar" | sed -n 's/^Loaded image: //p' | tail -n1)
[ -n "$image" ] || { echo "[image-test] podman load -i $tar named no image" >&2; exit 1; }
say "loaded $image ($(cat target/release/remote-cache-mock-image-*.digest))"

# The image carries the bundle's jar, and its JVM accepts the image's AOT cache (AOTMode=on fails if not).
check=$(podman create "$image")
podman cp "$check:/app/remote-cache-mock.jar" - | tar -xO | sha256sum | cut -d' ' -f1 > target/image-jar.sha256
podman rm "$check" >/dev/null
[ "$(cat target/image-jar.sha256)" = "$(sha256sum target/release/remote-cache-mock-*.jar | cut -d' ' -f1)" ] \
  || { echo "[image-test] the image's /app/remote-cache-mock.jar is not the bundle's jar" >&2; exit 1; }
podman run --rm --network none --entrypoint /usr/lib/jvm/bin/java "$image" @/app/jvm.options -XX:AOTMode=on \
  -jar /app/remote-cache-mock.jar --version >/dev/null \
  || { echo "[image-test] the image's JVM refuses its AOT cache" >&2; exit 1; }
say "the image has the bundle's jar, and an AOT cache its JVM accepts"

containers=()
cleanup() { for c in "${containers[@]}"; do podman rm -f "$c" >/dev/null 2>&1 || true; done; podman volume rm -f remote-cache-ci-data >/dev/null 2>&1 || true; }
trap cleanup EXIT

# Starts the image with "$@" as its arguments; sets cid and url (read from its first line of output).
start() {
  local began=$(date +%s%N)
  cid=$(podman run -d --network host "$@")
  containers+=("$cid")
  url=""
  for _ in $(seq 1 600); do
    url=$(podman logs "$cid" 2>/dev/null | head -n1)
    case "$url" in http*) break ;; esac
    if [ "$(podman inspect -f '{{.State.Running}}' "$cid")" != true ]; then
      podman logs "$cid" >&2; echo "[image-test] the container stopped" >&2; exit 1
    fi
    sleep 0.05
  done
  until curl -fsS -o /dev/null -H "Authorization: Bearer $token" "$url/v8/artifacts/status"; do sleep 0.02; done
  say "started, first answer after $(( ($(date +%s%N) - began) / 1000000 )) ms: $url"
}

start "$image" --host 127.0.0.1 --port 0 --token "$token"
case "$(podman top "$cid" user | tail -n1 | tr -d ' ')" in mock|65532) ;; *) false ;; esac || { echo "[image-test] the server does not run as user 65532" >&2; exit 1; }

say "check, the image's own subcommand, against $url (it answered the status call above)"
podman run --rm --network host "$image" check --url "$url" --require-operation status

say "real clients (turbo: miss + upload, then a remote hit; @vercel/sdk: every operation) against $url"
# The test as the release build compiled it, not packaged again: failsafe alone, on the classes there
# (nothing generated again either).
./mvnw -B -ntp -q -pl system-tests/end-to-end -am test-compile failsafe:integration-test failsafe:verify -Dcodegen.skip=true \
  -Dit.test=RealClientsInteropTest -Dfailsafe.failIfNoSpecifiedTests=false -Dremotecache.baseUrl="$url"

say "conformance suite against $url"
java -jar target/release/remote-cache-conformance-*.jar --base-url "$url" --token "$token" \
  --report target/image-conformance-report.md | tail -n 3

# SIGTERM (podman stop): a clean stop; the JVM reports it as 128+15.
podman stop -t 20 "$cid" >/dev/null
code=$(podman inspect -f '{{.State.ExitCode}}' "$cid")
[ "$code" = 143 ] || { echo "[image-test] exit code $code after podman stop, expected 143" >&2; podman logs "$cid" >&2; exit 1; }
say "podman stop: exit code $code"

say "--storage on a volume keeps artifacts across a restart"
for round in 1 2; do
  start -v remote-cache-ci-data:/data "$image" --host 127.0.0.1 --port 0 --token "$token" --storage /data
  if [ "$round" = 1 ]; then
    printf 'artifact bytes' | curl -fsS -o /dev/null -X PUT -H "Authorization: Bearer $token" \
      -H 'Content-Type: application/octet-stream' --data-binary @- "$url/v8/artifacts/0123456789abcdef?slug=ci"
  else
    got=$(curl -fsS -H "Authorization: Bearer $token" "$url/v8/artifacts/0123456789abcdef?slug=ci")
    [ "$got" = 'artifact bytes' ] || { echo "[image-test] after a restart the artifact reads '$got'" >&2; exit 1; }
  fi
  podman stop -t 20 "$cid" >/dev/null
done
say "passed"

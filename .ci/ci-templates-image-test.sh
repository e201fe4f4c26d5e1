#!/usr/bin/env bash
# The CI templates' scripts (ci-templates/scripts) with the container image of the release bundle
# instead of the jar (the GitHub action's `image` input): started in podman from the bundle's tarball
# (image-tar), a command whose request breaks the contract must give exit 1 and a JUnit failure
# naming the violation, the check run from the image itself; a valid one exit 0. The jar's side runs
# in ./mvnw verify (CiTemplatesTest). Needs podman (.ci/run installs it) and the bundle.
set -euo pipefail
cd "$(dirname "$0")/.."
export CONTAINERS_CONF="${CONTAINERS_CONF:-$PWD/.ci/containers.conf}"
say() { echo "[ci-templates-image-test] $*"; }
scripts="$PWD/ci-templates/scripts"
tar=$(ls target/release/remote-cache-mock-image-*.tar)
version=${tar##*/remote-cache-mock-image-}; version=${version%.tar}

work=target/ci-templates-image-test
rm -rf "$work" && mkdir -p "$work"
cd "$work"
export REMOTE_CACHE_MOCK_IMAGE="remote-cache-mock:$version" REMOTE_CACHE_MOCK_IMAGE_TAR="$OLDPWD/$tar" \
  REMOTE_CACHE_CONTAINER_ENGINE=podman REMOTE_CACHE_TOKEN=secret
trap 'sh "$scripts/stop-mock.sh" >/dev/null 2>&1 || true' EXIT

events() { # $1 = the source field: a valid batch with REMOTE, one that breaks the contract with local
  printf 'curl -fsS -o /dev/null -X POST "$REMOTE_CACHE_URL/v8/artifacts/events?slug=$REMOTE_CACHE_TEAM" -H "Authorization: Bearer $REMOTE_CACHE_TOKEN" -H "Content-Type: application/json" -d %s' \
    "'[{\"sessionId\": \"56699e9f-0892-44d5-b956-3f2ddfd4512e\", \"source\": \"$1\", \"event\": \"HIT\", \"hash\": \"6304b9faf99a2e19\", \"duration\": 5}]'"
}

for round in valid broken; do
  sh "$scripts/start-mock.sh" >/dev/null
  code=0
  if [ "$round" = valid ]; then
    REMOTE_CACHE_CHECK_ARGS="--require-event REMOTE:HIT" REMOTE_CACHE_COMMAND=$(events REMOTE) \
      sh "$scripts/run-and-check.sh" > valid.log 2>&1 || code=$?
    [ "$code" = 0 ] || { cat valid.log >&2; echo "[ci-templates-image-test] a valid batch: exit $code, expected 0" >&2; exit 1; }
  else
    # curl -f fails on the 400: the command fails and the contract is broken, which wins (exit 1).
    REMOTE_CACHE_COMMAND=$(events local) sh "$scripts/run-and-check.sh" > broken.log 2>&1 || code=$?
    [ "$code" = 1 ] || { cat broken.log >&2; echo "[ci-templates-image-test] a broken batch: exit $code, expected 1" >&2; exit 1; }
    grep -q 'failure message="[^"]*/0/source: enum' remote-cache-reports/remote-cache-check.xml \
      || { cat remote-cache-reports/remote-cache-check.xml >&2; echo "[ci-templates-image-test] no JUnit failure names /0/source" >&2; exit 1; }
  fi
  sh "$scripts/stop-mock.sh" >/dev/null
  unset REMOTE_CACHE_MOCK_IMAGE_TAR # loaded once
  say "$round: exit $code, $(grep -c '<testcase' remote-cache-reports/remote-cache-check.xml) test cases in remote-cache-check.xml"
done
say "passed"

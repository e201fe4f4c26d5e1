#!/usr/bin/env bash
# Reproducible: two clean builds of the runnable jars and the image (without its AOT cache, whose bytes
# differ on every training) give the release bundle's jars, byte for byte, and one image digest.
# Run after the release build (.ci/run); rebuilds mock-server, contract-tests and mock-image from clean
# (their target folders only: the bundle in target/release stays).
set -euo pipefail
cd "$(dirname "$0")/.."
say() { echo "[reproducible-test] $*"; }
[ -f target/release/SHA256SUMS ] || { echo "[reproducible-test] no release bundle: ./mvnw -Prelease package first" >&2; exit 1; }
bundle_sum() { sed -n "s/  $1\$//p" target/release/SHA256SUMS; }
version=$(ls target/release/remote-cache-mock-*.jar | sed 's/.*remote-cache-mock-\(.*\)\.jar/\1/')

digests=()
for build in 1 2; do
  rm -rf mock-server/target contract-tests/target release/mock-image/target
  ./mvnw -B -ntp -q -Pimage -pl mock-server,contract-tests,release/mock-image -am package -DskipTests \
    -Dremotecache.aot.skip=true > "target/reproducible-$build.log" 2>&1 \
    || { tail -30 "target/reproducible-$build.log" >&2; exit 1; }
  for jar in "mock-server/target/remote-cache-mock.jar remote-cache-mock-$version.jar" \
             "contract-tests/target/remote-cache-conformance.jar remote-cache-conformance-$version.jar"; do
    set -- $jar
    [ "$(sha256sum "$1" | cut -d' ' -f1)" = "$(bundle_sum "$2")" ] \
      || { echo "[reproducible-test] build $build: $1 differs from the bundle's $2" >&2; exit 1; }
  done
  digests+=("$(cat release/mock-image/target/jib-image.digest)")
  say "build $build: jars as in the bundle; image without AOT cache ${digests[-1]}"
done
[ "${digests[0]}" = "${digests[1]}" ] || { echo "[reproducible-test] the image digests differ" >&2; exit 1; }
say "passed"

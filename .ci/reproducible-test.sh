#!/usr/bin/env bash
# Reproducible: a clean rebuild of the runnable jars and the image (without its AOT cache, whose bytes
# differ on every training) gives the release bundle's jars, byte for byte, and the digest the release
# build gave the same image without its cache (release/mock-image/target/reproducible/jib-image.digest).
# Run after the release build (.ci/run): the rebuild is of a copy of the sources (the files git tracks or
# would track, as they are now) in another folder, target/reproducible-build/, so it shows the bytes do not
# depend on where the build ran, and it touches nothing of the first build: .ci/run runs it alongside the
# stages that test the bundle.
set -euo pipefail
cd "$(dirname "$0")/.."
say() { echo "[reproducible-test] $*"; }
[ -f target/release/SHA256SUMS ] || { echo "[reproducible-test] no release bundle: ./mvnw -Prelease package first" >&2; exit 1; }
released_digest=release/mock-image/target/reproducible/jib-image.digest
[ -f "$released_digest" ] || { echo "[reproducible-test] no $released_digest: the release build made no image without its AOT cache" >&2; exit 1; }
expected_digest=$(cat "$released_digest")
bundle_sum() { sed -n "s/  $1\$//p" target/release/SHA256SUMS; }
version=$(ls target/release/remote-cache-mock-*.jar | sed 's/.*remote-cache-mock-\(.*\)\.jar/\1/')

copy=target/reproducible-build
rm -rf "$copy" && mkdir -p "$copy"
git ls-files -z --cached --others --exclude-standard | xargs -0 tar -cf - | tar -C "$copy" -xf -
(cd "$copy" && ./mvnw -B -ntp -q -Pimage -pl mock-server,contract-tests,release/mock-image -am package -DskipTests \
  -Dremotecache.aot.skip=true) > target/reproducible.log 2>&1 \
  || { tail -30 target/reproducible.log >&2; exit 1; }
for jar in "$copy/mock-server/target/remote-cache-mock.jar remote-cache-mock-$version.jar" \
           "$copy/contract-tests/target/remote-cache-conformance.jar remote-cache-conformance-$version.jar"; do
  set -- $jar
  [ "$(sha256sum "$1" | cut -d' ' -f1)" = "$(bundle_sum "$2")" ] \
    || { echo "[reproducible-test] the rebuild's $1 differs from the bundle's $2" >&2; exit 1; }
done
digest=$(cat "$copy/release/mock-image/target/jib-image.digest")
[ "$digest" = "$expected_digest" ] \
  || { echo "[reproducible-test] the rebuilt image without AOT cache is $digest, the release build's $expected_digest" >&2; exit 1; }
rm -rf "$copy"
say "rebuilt in another folder: jars as in the bundle; image without AOT cache $digest, as the release build's"
say "passed"

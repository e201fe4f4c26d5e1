#!/usr/bin/env bash
# The release bundle, from what the release build left in the modules' target folders:
#   remote-cache-mock-VERSION.jar           the mock, runnable (java -jar)
#   remote-cache-conformance-VERSION.jar    the conformance suite for any server
#   remote-cache-mock-image-VERSION.tar     the container image (docker load / podman load)
#   remote-cache-mock-VERSION.tgz           the npm package (npm install ./remote-cache-mock-VERSION.tgz)
#   each with NAME.cdx.json, its CycloneDX SBOM; the image's also names its Java runtime and the
#   Debian packages it carries; remote-cache-mock-image-VERSION.digest, the image's digest
#   SHA256SUMS                              sha256sum -c SHA256SUMS checks them all
set -euo pipefail
: "${ROOT:?}" "${VERSION:?}"
out="$ROOT/target/release"
rm -rf "$out"
mkdir -p "$out"

bundle() { # $1 = file in the build, $2 = name in the bundle
  [ -f "$ROOT/$1" ] || { echo "[release] ERROR: $1 is missing: was it built? (./mvnw -Prelease package)" >&2; exit 1; }
  cp "$ROOT/$1" "$out/$2"
}
bundle mock-server/target/remote-cache-mock.jar "remote-cache-mock-$VERSION.jar"
bundle mock-server/target/remote-cache-mock-$VERSION.cdx.json "remote-cache-mock-$VERSION.jar.cdx.json"
bundle contract-tests/target/remote-cache-conformance.jar "remote-cache-conformance-$VERSION.jar"
bundle contract-tests/target/remote-cache-contract-tests-$VERSION.cdx.json "remote-cache-conformance-$VERSION.jar.cdx.json"
bundle release/mock-image/target/remote-cache-mock-image.tar "remote-cache-mock-image-$VERSION.tar"
bundle release/mock-image/target/jib-image.digest "remote-cache-mock-image-$VERSION.digest"
bundle release/node-mock/target/remote-cache-mock-$VERSION.tgz "remote-cache-mock-$VERSION.tgz"
bundle release/node-mock/target/remote-cache-mock-$VERSION.tgz.cdx.json "remote-cache-mock-$VERSION.tgz.cdx.json"

# The image's SBOM: the Maven one of the mock (every jar in it) plus what Maven does not see, listed by
# the image build (the jlinked runtime, Debian's glibc packages).
maven_sbom="$ROOT/release/mock-image/target/remote-cache-mock-image-$VERSION.cdx.json"
os_components="$ROOT/release/mock-image/target/image-work/components.json"
[ -f "$maven_sbom" ] && [ -f "$os_components" ] || { echo "[release] ERROR: the image's SBOM parts are missing" >&2; exit 1; }
command -v jq >/dev/null || { echo "[release] ERROR: jq is needed to merge the image's SBOM (apt-get install jq)" >&2; exit 1; }
jq --slurpfile os "$os_components" '.components += $os[0]' "$maven_sbom" > "$out/remote-cache-mock-image-$VERSION.tar.cdx.json"

(cd "$out" && sha256sum -- *.jar *.tar *.tgz *.json *.digest > SHA256SUMS)
echo "[release] $out:"
(cd "$out" && ls -l --time-style=+ | tail -n +2 | awk '{printf "[release]   %10s  %s\n", $5, $NF}')

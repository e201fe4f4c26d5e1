#!/usr/bin/env bash
# The npm package from the release bundle as a plugin author uses it: a scratch project outside the build
# (system-tests/fixtures/node-tool, copied into a mktemp folder) installs target/release/remote-cache-mock-VERSION.tgz
# (the rest pinned by its package-lock.json), imports it as an ES module and through require(), compiles its
# TypeScript tests (the package's types, ESM and CommonJS) and runs them with node:test: the plugin's tool
# scenario and the examples of README.md and release/node-mock/README.md, on the bundle's jar; then the
# Testcontainers example against podman's Docker-compatible socket, with the bundle's image, and startMock
# falling back to that image when it finds no Java.
# Needs the bundle (./mvnw -Prelease package), Node 18+ with npm (Node 20.18+ for testcontainers), podman + runc.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export CONTAINERS_CONF="${CONTAINERS_CONF:-$PWD/.ci/containers.conf}"
say() { echo "[node-package-test] $*"; }
elapsed() { echo "$(( ($(date +%s%N) - $1) / 1000000 )) ms"; }

tgz=$(ls "$root"/target/release/remote-cache-mock-*.tgz) # exactly one
version=$(basename "$tgz" .tgz); version=${version#remote-cache-mock-}

# As the READMEs have it: the bundle in release/, the project next to it.
scratch=$(mktemp -d /tmp/remote-cache-node-tool.XXXXXX)
ln -s "$root/target/release" "$scratch/release"
project="$scratch/my-tool"
mkdir "$project"
service=""
cleanup() {
  [ -z "$service" ] || kill "$service" 2>/dev/null || true
  rm -rf "$scratch"
}
trap cleanup EXIT

# The README block that follows a line "<!-- ci: NAME -->" in file $1.
readme_block() {
  awk -v marker="<!-- ci: $2 -->" '$0 == marker {found=1; next} found && /^```/ {if (inside) exit; inside=1; next} inside {print}' "$1"
}
cp -r system-tests/fixtures/node-tool/. "$project"
for block in "README.md node-readme-test readme" "release/node-mock/README.md node-test node-readme" "release/node-mock/README.md testcontainers-test testcontainers"; do
  set -- $block
  readme_block "$1" "$2" > "$project/test/$3.test.ts"
  [ -s "$project/test/$3.test.ts" ] || { echo "[node-package-test] $1 has no block after <!-- ci: $2 -->" >&2; exit 1; }
done

cd "$project"
started=$(date +%s%N)
npm install --no-audit --no-fund --loglevel=error --save-dev "../release/remote-cache-mock-$version.tgz" # the READMEs' command
say "installed $(basename "$tgz") into $project in $(elapsed "$started")"

node checks/esm.mjs
node checks/cjs.cjs
started=$(date +%s%N)
npx --no-install tsc -p tsconfig.json
say "the tests compiled against the package's types (ES module and CommonJS) in $(elapsed "$started")"

started=$(date +%s%N)
node --test --test-reporter=spec build/test/tool.test.js build/test/readme.test.js build/test/node-readme.test.js
say "tool scenario and README examples on the bundle's jar: passed in $(elapsed "$started")"

# Testcontainers against podman's Docker API, with the bundle's image (no registry: Ryuk disabled).
# testcontainers 11 needs Node 20.18+; in CI it must run.
node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 18) ? 0 : 1)' \
  || { echo "[node-package-test] the Testcontainers example needs Node 20.18+, this is $(node --version)" >&2; exit 1; }
tar=$(ls "$root"/target/release/remote-cache-mock-image-*.tar)
podman load -q -i "$tar" >/dev/null # the bundle's image, also over an older one of the same name
socket="$project/podman.sock"
podman system service --time=0 "unix://$socket" &
service=$!
for _ in $(seq 1 200); do [ -S "$socket" ] && break; sleep 0.05; done
[ -S "$socket" ] || { echo "[node-package-test] podman system service made no socket at $socket" >&2; exit 1; }
started=$(date +%s%N)
DOCKER_HOST="unix://$socket" TESTCONTAINERS_RYUK_DISABLED=true node --test --test-reporter=spec build/test/testcontainers.test.js
say "Testcontainers example against podman: passed in $(elapsed "$started")"
started=$(date +%s%N)
node --test --test-reporter=spec build/test/container.test.js
say "startMock without a Java, on the image in podman: passed in $(elapsed "$started")"
say "passed"

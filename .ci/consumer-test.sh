#!/usr/bin/env bash
# A user's project (test-fixtures/consumer, outside the kit's build) depends on the kit's Maven artifacts
# as deployed to a folder repository, with the README's dependency block, pastes the README's test and
# runs it. Argument: the folder repository (./mvnw deploy -DaltDeploymentRepository=ID::file://DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(cd "$1" && pwd)
say() { echo "[consumer-test] $*"; }

# The README block that follows a line "<!-- ci: NAME -->".
readme_block() {
  awk -v marker="<!-- ci: $1 -->" '$0 == marker {found=1; next} found && /^```/ {if (inside) exit; inside=1; next} inside {print}' README.md
}
project=target/consumer
rm -rf "$project" && mkdir -p "$project/src/test/java"
cp test-fixtures/consumer/pom.xml "$project/pom.xml"

dependencies=$(readme_block consumer-dependencies)
[ -n "$dependencies" ] || { echo "[consumer-test] README has no block after <!-- ci: consumer-dependencies -->" >&2; exit 1; }
pom=$(cat "$project/pom.xml")
while IFS= read -r line; do
  [[ "$pom" == *"$line"* ]] || { echo "[consumer-test] the README's dependency line is not in test-fixtures/consumer/pom.xml: $line" >&2; exit 1; }
done <<< "$dependencies"

test_source=$(readme_block consumer-test)
class=$(sed -n 's/^\(public \)\{0,1\}class \([A-Za-z0-9_]*\).*/\2/p' <<< "$test_source" | head -n1)
[ -n "$class" ] || { echo "[consumer-test] README has no test class after <!-- ci: consumer-test -->" >&2; exit 1; }
printf '%s\n' "$test_source" > "$project/src/test/java/$class.java"

# The kit's artifacts from the folder repository only; everything else from the shared local repository,
# read-only (nothing is installed into it).
say "the README's $class, on $("${JAVA_HOME:-/usr}/bin/java" -version 2>&1 | head -n1)"
./mvnw -B -ntp -f "$project/pom.xml" test -Dremotecache.repo="file://$repo" \
  -Dmaven.repo.local="$PWD/target/consumer-m2" -Dmaven.repo.local.tail="$HOME/.m2/repository"
say "passed"

#!/usr/bin/env bash
# A user's project (system-tests/fixtures/consumer, outside the kit's build) depends on the kit's Maven artifacts
# as deployed to a folder repository, with the README's dependency block, pastes the README's test and
# runs it. Arguments: the folder repository (./mvnw deploy -DaltDeploymentRepository=ID::file://DIR), then the
# JDK homes to run it on, one run each (default: JAVA_HOME's). The project is a Java 17 one: on a JDK 17 the
# mock runs its server in a JDK 21+ of its own, which it finds as a user's machine would have it.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(cd "$1" && pwd)
shift
jdks=("$@")
[ ${#jdks[@]} -gt 0 ] || jdks=("${JAVA_HOME:-/usr}")
say() { echo "[consumer-test] $*"; }

# The README block that follows a line "<!-- ci: NAME -->".
readme_block() {
  awk -v marker="<!-- ci: $1 -->" '$0 == marker {found=1; next} found && /^```/ {if (inside) exit; inside=1; next} inside {print}' README.md
}
template=system-tests/fixtures/consumer/pom.xml

dependencies=$(readme_block consumer-dependencies)
[ -n "$dependencies" ] || { echo "[consumer-test] README has no block after <!-- ci: consumer-dependencies -->" >&2; exit 1; }
pom=$(cat "$template")
while IFS= read -r line; do
  [[ "$pom" == *"$line"* ]] || { echo "[consumer-test] the README's dependency line is not in system-tests/fixtures/consumer/pom.xml: $line" >&2; exit 1; }
done <<< "$dependencies"

test_source=$(readme_block consumer-test)
class=$(sed -n 's/^\(public \)\{0,1\}class \([A-Za-z0-9_]*\).*/\2/p' <<< "$test_source" | head -n1)
[ -n "$class" ] || { echo "[consumer-test] README has no test class after <!-- ci: consumer-test -->" >&2; exit 1; }

# The kit's artifacts from the folder repository only; everything else from the shared local repository,
# read-only (nothing is installed into it).
for jdk in "${jdks[@]}"; do
  project="target/consumer-$(basename "$jdk")"
  rm -rf "$project" && mkdir -p "$project/src/test/java"
  cp "$template" "$project/pom.xml"
  printf '%s\n' "$test_source" > "$project/src/test/java/$class.java"
  say "the README's $class, on $("$jdk/bin/java" -version 2>&1 | head -n1)"
  started=$(date +%s)
  JAVA_HOME="$jdk" ./mvnw -B -ntp -f "$project/pom.xml" test -Dremotecache.repo="file://$repo" \
    -Dmaven.repo.local="$PWD/target/consumer-m2" -Dmaven.repo.local.tail="$HOME/.m2/repository"
  say "passed on $(basename "$jdk") in $(( $(date +%s) - started )) s"
done

#!/usr/bin/env bash
# Start-up of the mock as the JUnit extension sees it (start() to the first answer), in process on the
# JDK 21+ and out of process: on a JDK 17 (the server in a JDK 21+ of its own) and on the JDK 21+ forced
# out of process. Class path: the standalone jar (the mock and its dependencies, as a test has them).
# Usage: bash bench/extension-start.sh [ROUNDS]   (JAVA_HOME: a JDK 21+; JAVA17_HOME: a JDK 17)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
jar=mock-server/target/remote-cache-mock.jar
[ -f "$jar" ] || ./mvnw -q -pl mock-server -am package -DskipTests -Dremotecache.aot.skip=true
java21="${JAVA_HOME:?set JAVA_HOME to a JDK 21+}/bin/java"
java17="${JAVA17_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}/bin/java"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
"$java21" -cp "$jar" bench/ExtensionStart.java "$rounds"
"$java21" -Dremotecache.mock.outOfProcess=true -cp "$jar" bench/ExtensionStart.java "$rounds"
"$java17" -cp "$jar" bench/ExtensionStart.java "$rounds"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"

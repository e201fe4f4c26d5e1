#!/usr/bin/env bash
# Compiles the generated sources and the driver with the project's Maven wrapper (scala-maven-plugin, Central).
set -euo pipefail
root="$(cd "$DRIVER_DIR/../../../../.." && pwd)"
cp "$DRIVER_DIR/pom.xml" pom-driver.xml
mkdir -p src/main/scala/driver && cp "$DRIVER_DIR/Driver.scala" src/main/scala/driver/
"$root/mvnw" -B -q -ntp -f pom-driver.xml compile

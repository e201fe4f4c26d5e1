#!/usr/bin/env bash
exec java -cp "target/classes:$(cat target/classpath.txt)" driver.Driver "$@"

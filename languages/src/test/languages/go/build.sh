#!/usr/bin/env bash
# Builds the driver against the generated module (standard library only), offline, with the Go on the PATH:
# no module proxy and no toolchain download (Debian's Go 1.19 builds the client, whose go.mod says 1.23).
set -euo pipefail
export GOFLAGS=-mod=mod GOPROXY=off GOTOOLCHAIN=local GOSUMDB=off GOCACHE="${GOCACHE:-$PWD/../go-cache}"
client_module=$(sed -n 's/^module //p' go.mod)
rm -rf driver && mkdir driver && cp "$DRIVER_DIR/driver.go" driver/
cat > driver/go.mod <<MOD
module remotecache-driver

go 1.19

require $client_module v0.0.0
replace $client_module => ../
MOD
(cd driver && go vet . && go build -o ../remotecache-driver .)
go vet . # the client package itself (its test/ folder needs testify, from the module proxy)

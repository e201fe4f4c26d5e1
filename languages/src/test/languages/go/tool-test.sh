#!/usr/bin/env bash
# The tool test (go test) in a module of its own that requires both generated modules, offline as build.sh.
set -euo pipefail
export GOFLAGS=-mod=mod GOPROXY=off GOTOOLCHAIN=local GOSUMDB=off GOCACHE="${GOCACHE:-$CLIENTS_DIR/go-cache}"
api_module=$(sed -n 's/^module //p' "$API_CLIENT_DIR/go.mod")
admin_module=$(sed -n 's/^module //p' "$ADMIN_CLIENT_DIR/go.mod")
cp "$DRIVER_DIR/tool_test.go" .
cat > go.mod <<MOD
module example.com/my-tool

go 1.19

require (
	$api_module v0.0.0
	$admin_module v0.0.0
)

replace $api_module => $API_CLIENT_DIR

replace $admin_module => $ADMIN_CLIENT_DIR
MOD
(cd "$ADMIN_CLIENT_DIR" && go vet .) # the admin client package itself (its test/ folder needs testify)
go vet . && go test -v -count=1 .

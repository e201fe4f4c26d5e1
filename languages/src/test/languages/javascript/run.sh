#!/usr/bin/env bash
exec node "$DRIVER_DIR/driver.js" "$PWD/dist/index.js" "$@"

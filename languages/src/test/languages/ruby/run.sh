#!/usr/bin/env bash
# Debian's ruby with its typhoeus and json gems; the generated gem from this folder.
exec ruby -I lib "$DRIVER_DIR/driver.rb" "$@"

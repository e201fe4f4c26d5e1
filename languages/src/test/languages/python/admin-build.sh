#!/usr/bin/env bash
# The admin client (remote_cache_admin) takes the same step as the API client.
exec bash "$DRIVER_DIR/build.sh"

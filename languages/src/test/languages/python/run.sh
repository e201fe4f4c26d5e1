#!/usr/bin/env bash
# Debian's python3 with its pydantic 1.10, urllib3 and dateutil; the generated package from this folder.
PYTHONPATH="$PWD" exec /usr/bin/python3 "$DRIVER_DIR/driver.py" "$@"

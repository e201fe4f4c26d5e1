#!/usr/bin/env bash
# The tool test with Debian's python3: both generated packages on the path, as `pip install` would put them.
set -euo pipefail
cp "$DRIVER_DIR/test_tool.py" .
PYTHONPATH="$API_CLIENT_DIR:$ADMIN_CLIENT_DIR" exec /usr/bin/python3 -m unittest -v test_tool

#!/usr/bin/env bash
# As a user builds the generated package: its dependencies from npm into its own node_modules, then babel.
set -euo pipefail
npm install --no-audit --no-fund --loglevel=error
npm run build --silent

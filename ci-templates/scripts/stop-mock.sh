#!/bin/sh
# Stops the mock start-mock.sh started: SIGTERM (requests in flight finish), SIGKILL after 20 s. Safe
# to run twice, or when nothing was started (an always-run cleanup step). Exit code 0.
set -u
. "$(dirname "$0")/lib.sh"

state=$REMOTE_CACHE_STATE
if [ -f "$state/container" ]; then
  container=$(cat "$state/container")
  "$REMOTE_CACHE_CONTAINER_ENGINE" stop -t 20 "$container" >/dev/null 2>&1 || true
  "$REMOTE_CACHE_CONTAINER_ENGINE" logs "$container" > "$REMOTE_CACHE_REPORTS/mock.log" 2>&1 || true
  "$REMOTE_CACHE_CONTAINER_ENGINE" rm -f "$container" >/dev/null 2>&1 || true
  say "stopped container $(echo "$container" | cut -c1-12)"
elif [ -f "$state/pid" ]; then
  pid=$(cat "$state/pid")
  if process_running "$pid" && kill -TERM "$pid" 2>/dev/null; then
    waited=0
    while process_running "$pid" && [ "$waited" -lt 100 ]; do sleep 0.2; waited=$((waited + 1)); done
    if process_running "$pid"; then
      kill -KILL "$pid" 2>/dev/null || true
      say "the mock (pid $pid) did not stop within 20 s: killed"
    else
      say "stopped the mock (pid $pid)"
    fi
  else
    say "the mock (pid $pid) had already exited"
  fi
else
  say "no mock to stop"
fi
rm -f "$state/url" "$state/pid" "$state/container" "$state/env" "$state/jar"
exit 0

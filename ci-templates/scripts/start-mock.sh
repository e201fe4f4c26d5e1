#!/bin/sh
# Starts the remote cache mock in the background for a CI job and waits until it answers (at most
# REMOTE_CACHE_START_TIMEOUT seconds). The jar by default; the container image when
# REMOTE_CACHE_MOCK_IMAGE is set. Writes, in REMOTE_CACHE_STATE: url, pid (or container), env (the
# variables the command gets: TURBO_API, TURBO_TOKEN, TURBO_TEAM, REMOTE_CACHE_URL, ...); the mock's
# output goes to REMOTE_CACHE_REPORTS/mock.log.
# Exit codes: 0 started; 2 not (nothing to start, a failed download, the mock exited, no answer in time).
set -eu
. "$(dirname "$0")/lib.sh"

if [ -f "$REMOTE_CACHE_STATE/url" ]; then
  fail "a mock is already started here ($(cat "$REMOTE_CACHE_STATE/url")): run stop-mock.sh first"
fi
rm -f "$REMOTE_CACHE_STATE/pid" "$REMOTE_CACHE_STATE/container" "$REMOTE_CACHE_STATE/env" "$REMOTE_CACHE_STATE/jar"

# The server's options, from the settings; REMOTE_CACHE_MOCK_ARGS is split on spaces (no quoting).
set -- --host 127.0.0.1 --port "${REMOTE_CACHE_PORT:-0}"
[ -z "${REMOTE_CACHE_TOKEN:-}" ] || set -- "$@" --token "$REMOTE_CACHE_TOKEN"
[ -z "${REMOTE_CACHE_ADMIN_TOKEN:-}" ] || set -- "$@" --admin-token "$REMOTE_CACHE_ADMIN_TOKEN"
# Split on spaces, with no file name expansion: *:5xx stays as it is.
# shellcheck disable=SC2086
set -f
set -- "$@" ${REMOTE_CACHE_MOCK_ARGS:-}
set +f

log="$REMOTE_CACHE_REPORTS/mock.log"
if [ -n "${REMOTE_CACHE_MOCK_IMAGE:-}" ]; then
  engine=$REMOTE_CACHE_CONTAINER_ENGINE
  if [ -n "${REMOTE_CACHE_MOCK_IMAGE_TAR:-}" ]; then
    say "loading $REMOTE_CACHE_MOCK_IMAGE_TAR"
    "$engine" load -q -i "$REMOTE_CACHE_MOCK_IMAGE_TAR" >/dev/null || fail "$engine load -i $REMOTE_CACHE_MOCK_IMAGE_TAR failed"
  fi
  storage=""
  if [ -n "${REMOTE_CACHE_STORAGE:-}" ]; then
    mkdir -p "$REMOTE_CACHE_STORAGE"
    storage="-v $(cd "$REMOTE_CACHE_STORAGE" && pwd):/data"
    set -- "$@" --storage /data
  fi
  # shellcheck disable=SC2086
  container=$("$engine" run -d --network host --user "$(id -u):$(id -g)" $storage "$REMOTE_CACHE_MOCK_IMAGE" "$@") \
    || fail "$engine run $REMOTE_CACHE_MOCK_IMAGE failed"
  echo "$container" > "$REMOTE_CACHE_STATE/container"
  running() { [ "$("$engine" inspect -f '{{.State.Running}}' "$container" 2>/dev/null)" = true ]; }
  read_log() { "$engine" logs "$container" > "$log" 2>&1 || true; }
  say "started $REMOTE_CACHE_MOCK_IMAGE in container $(echo "$container" | cut -c1-12)"
else
  resolve_jar
  [ -z "${REMOTE_CACHE_STORAGE:-}" ] || set -- "$@" --storage "$REMOTE_CACHE_STORAGE"
  # stdin from /dev/null, and no terminal: the mock runs detached from the job's shell.
  nohup "$REMOTE_CACHE_JAVA" -jar "$REMOTE_CACHE_MOCK_JAR" "$@" > "$log" 2>&1 < /dev/null &
  pid=$!
  echo "$pid" > "$REMOTE_CACHE_STATE/pid"
  echo "$REMOTE_CACHE_MOCK_JAR" > "$REMOTE_CACHE_STATE/jar"
  running() { process_running "$pid"; }
  read_log() { :; }
  say "started $REMOTE_CACHE_MOCK_JAR (pid $pid)"
fi

# Ready when it has printed its base URL: its first line on stdout, printed once it listens. (No probe
# request: the check would count one as a rejected request from the tool.)
deadline=$(( $(date +%s) + REMOTE_CACHE_START_TIMEOUT ))
url=""
while :; do
  read_log
  url=$(sed -n 's#^\(http://[^ ]*\)$#\1#p' "$log" 2>/dev/null | head -n 1)
  [ -z "$url" ] || break
  if ! running; then
    read_log
    echo "[remote-cache] the mock exited before it was ready; its output ($log):" >&2
    tail -n 20 "$log" >&2
    sh "$(dirname "$0")/stop-mock.sh" >/dev/null 2>&1 || true
    exit 2
  fi
  if [ "$(date +%s)" -ge "$deadline" ]; then
    echo "[remote-cache] the mock was not ready within $REMOTE_CACHE_START_TIMEOUT s (REMOTE_CACHE_START_TIMEOUT); its output:" >&2
    tail -n 20 "$log" >&2
    sh "$(dirname "$0")/stop-mock.sh" >/dev/null 2>&1 || true
    exit 2
  fi
  sleep 0.2
done
echo "$url" > "$REMOTE_CACHE_STATE/url"

# The environment for the command: turbo's own variables, and generic ones for any other tool.
token=${REMOTE_CACHE_TOKEN:-remote-cache-ci-token}
cat > "$REMOTE_CACHE_STATE/env" <<EOF
REMOTE_CACHE_URL=$url
REMOTE_CACHE_TOKEN=$token
REMOTE_CACHE_TEAM=$REMOTE_CACHE_TEAM
TURBO_API=$url
TURBO_TOKEN=$token
TURBO_TEAM=$REMOTE_CACHE_TEAM
EOF
say "mock ready at $url (log: $log)"
echo "$url"

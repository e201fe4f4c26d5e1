#!/bin/sh
# Runs the command under test against the mock, then the mock's check command, which writes its JUnit
# XML, JSON and Markdown reports into REMOTE_CACHE_REPORTS. The mock is the one start-mock.sh started,
# else the one at REMOTE_CACHE_URL (a service container: give REMOTE_CACHE_ADMIN_TOKEN, and the jar or
# image for the check as for start-mock.sh).
# The command: this script's arguments, else REMOTE_CACHE_COMMAND (a command line, run by bash -e, or
# sh -e without bash), with TURBO_API, TURBO_TOKEN, TURBO_TEAM and REMOTE_CACHE_URL, _TOKEN, _TEAM set.
# The check runs whatever the command's exit code, so a failing tool still gets its contract report.
# Exit codes: 0 the command succeeded and the contract holds; 1 the contract is broken (whatever the
# command did); 2 usage or connection error (no mock, no command, the check could not reach the mock);
# 3 the command failed and the contract holds (the command's own exit code is printed, and is
# command-exit-code in REMOTE_CACHE_STATE/outputs).
set -u
. "$(dirname "$0")/lib.sh"

if [ $# -eq 0 ]; then
  [ -n "${REMOTE_CACHE_COMMAND:-}" ] || fail "no command to run: give it as arguments or in REMOTE_CACHE_COMMAND"
  if command -v bash >/dev/null 2>&1; then set -- bash -e -c "$REMOTE_CACHE_COMMAND"; else set -- sh -e -c "$REMOTE_CACHE_COMMAND"; fi
fi

# The command's environment: what start-mock.sh wrote, or one made from REMOTE_CACHE_URL.
if [ ! -f "$REMOTE_CACHE_STATE/url" ]; then
  [ -n "${REMOTE_CACHE_URL:-}" ] || fail "no mock: run start-mock.sh first, or set REMOTE_CACHE_URL to a running one"
  # A service container may still be starting: wait for any answer from its admin API (which the
  # mock does not count as a request from the tool).
  if command -v curl >/dev/null 2>&1; then
    deadline=$(( $(date +%s) + REMOTE_CACHE_START_TIMEOUT ))
    until [ "$(curl -s -o /dev/null -w '%{http_code}' "${REMOTE_CACHE_URL%/}/__admin/remote-cache/journal")" != 000 ]; do
      [ "$(date +%s)" -lt "$deadline" ] || fail "no mock answers at $REMOTE_CACHE_URL (waited $REMOTE_CACHE_START_TIMEOUT s)"
      sleep 0.5
    done
  fi
  token=${REMOTE_CACHE_TOKEN:-remote-cache-ci-token}
  printf 'REMOTE_CACHE_URL=%s\nREMOTE_CACHE_TOKEN=%s\nREMOTE_CACHE_TEAM=%s\nTURBO_API=%s\nTURBO_TOKEN=%s\nTURBO_TEAM=%s\n' \
    "${REMOTE_CACHE_URL%/}" "$token" "$REMOTE_CACHE_TEAM" "${REMOTE_CACHE_URL%/}" "$token" "$REMOTE_CACHE_TEAM" \
    > "$REMOTE_CACHE_STATE/env"
fi
while IFS='=' read -r name value; do
  [ -n "$name" ] && export "$name=$value"
done < "$REMOTE_CACHE_STATE/env"

if [ -f "$REMOTE_CACHE_STATE/jar" ]; then
  REMOTE_CACHE_MOCK_JAR=$(cat "$REMOTE_CACHE_STATE/jar")
elif [ -z "${REMOTE_CACHE_MOCK_IMAGE:-}" ]; then
  resolve_jar
fi

# 1. The command under test.
say "running the command against $REMOTE_CACHE_URL"
"$@"
command_exit=$?
if [ "$command_exit" -eq 0 ]; then say "the command succeeded"; else say "the command failed with exit code $command_exit"; fi

# 2. The check: rejections (and proxy deviations) in the mock's journal, plus the requirements given.
set -- check --url "$REMOTE_CACHE_URL" --reports "$REMOTE_CACHE_REPORTS"
[ -z "${REMOTE_CACHE_ADMIN_TOKEN:-}" ] || set -- "$@" --admin-token "$REMOTE_CACHE_ADMIN_TOKEN"
# Split on spaces, with no file name expansion: *:5xx stays as it is.
# shellcheck disable=SC2086
set -f
set -- "$@" ${REMOTE_CACHE_CHECK_ARGS:-}
set +f
say "checking what the mock received"
junit="$REMOTE_CACHE_REPORTS/remote-cache-check.xml"
rm -f "$junit" "$REMOTE_CACHE_REPORTS/remote-cache-check.json" "$REMOTE_CACHE_REPORTS/remote-cache-check.md"
mock_command "$@"
check_exit=$?

# A 0 or 1 counts only with its report: a JVM that cannot start exits 1 too, and that is no verdict.
if [ "$check_exit" -le 1 ] && [ ! -f "$junit" ]; then
  echo "[remote-cache] error: the check exited $check_exit and wrote no report; its output is above" >&2
  check_exit=2
fi
case "$check_exit" in
  0) if [ "$command_exit" -eq 0 ]; then verdict=holds; code=0; else verdict=command-failed; code=3; fi ;;
  1) verdict=broken; code=1 ;;
  *) verdict=error; code=2 ;;
esac
cat > "$REMOTE_CACHE_STATE/outputs" <<EOF
url=$REMOTE_CACHE_URL
reports=$REMOTE_CACHE_REPORTS
junit=$junit
verdict=$verdict
command-exit-code=$command_exit
check-exit-code=$check_exit
EOF
case "$verdict" in
  holds) say "verdict: the contract holds (report: $junit)" ;;
  broken) say "verdict: the contract is broken; see $junit" ;;
  command-failed) say "verdict: the contract holds, but the command failed with exit code $command_exit" ;;
  error) say "verdict: the check could not run (exit code $check_exit)" ;;
esac
exit "$code"

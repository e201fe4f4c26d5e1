# Shared by start-mock.sh, run-and-check.sh and stop-mock.sh (sourced, POSIX sh): the settings, read
# from the environment (the GitHub action's inputs and the GitLab template's variables are mapped onto
# these names), and where the mock comes from. The variables are listed in docs/ci-templates.md.

REMOTE_CACHE_REPORTS=${REMOTE_CACHE_REPORTS:-remote-cache-reports}
REMOTE_CACHE_STATE=${REMOTE_CACHE_STATE:-.remote-cache-mock}
REMOTE_CACHE_TEAM=${REMOTE_CACHE_TEAM:-ci-team}
REMOTE_CACHE_MAVEN_REPOSITORY=${REMOTE_CACHE_MAVEN_REPOSITORY:-https://repo1.maven.org/maven2}
REMOTE_CACHE_START_TIMEOUT=${REMOTE_CACHE_START_TIMEOUT:-60}
REMOTE_CACHE_CONTAINER_ENGINE=${REMOTE_CACHE_CONTAINER_ENGINE:-docker}
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  REMOTE_CACHE_JAVA=${REMOTE_CACHE_JAVA:-$JAVA_HOME/bin/java}
else
  REMOTE_CACHE_JAVA=${REMOTE_CACHE_JAVA:-java}
fi

say() { echo "[remote-cache] $*" >&2; }

# Whether process $1 still runs. kill -0 alone is not enough: a process that has exited stays a
# zombie until its parent reaps it, and the mock's launcher, started in the background by a shell
# that has ended, is reaped by init whenever init gets to it (seconds later, or never in a container
# without an init). A zombie has run its course: state Z in /proc (Linux) or in ps (elsewhere).
process_running() {
  kill -0 "$1" 2>/dev/null || return 1
  if [ -r "/proc/$1/stat" ]; then
    # The state is the first field after the command name, which is in parentheses.
    process_state=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -c1)
  else
    process_state=$(ps -o stat= -p "$1" 2>/dev/null | cut -c1)
  fi
  [ "$process_state" != Z ]
}
# Usage or connection error: the convention's exit code 2, with one line saying what is wrong.
fail() { echo "[remote-cache] error: $*" >&2; exit 2; }

mkdir -p "$REMOTE_CACHE_REPORTS" "$REMOTE_CACHE_STATE" || fail "cannot create $REMOTE_CACHE_REPORTS or $REMOTE_CACHE_STATE"
REMOTE_CACHE_REPORTS=$(cd "$REMOTE_CACHE_REPORTS" && pwd)
REMOTE_CACHE_STATE=$(cd "$REMOTE_CACHE_STATE" && pwd)

# Downloads $1 to $2 with curl or wget (file:// too, with curl).
download() {
  say "downloading $1"
  if command -v curl >/dev/null 2>&1; then
    curl -fsSL --retry 3 -o "$2.part" "$1" || { rm -f "$2.part"; fail "cannot download $1"; }
  elif command -v wget >/dev/null 2>&1; then
    wget -q -O "$2.part" "$1" || { rm -f "$2.part"; fail "cannot download $1"; }
  else
    fail "neither curl nor wget is installed: give REMOTE_CACHE_MOCK_JAR (a local jar) instead"
  fi
  mv "$2.part" "$2"
}

# Sets REMOTE_CACHE_MOCK_JAR to a local jar: the one given, else downloaded from REMOTE_CACHE_MOCK_JAR_URL,
# else REMOTE_CACHE_MOCK_VERSION's standalone jar from REMOTE_CACHE_MAVEN_REPOSITORY (kept in the state
# folder, so a second call does not download it again).
resolve_jar() {
  if [ -n "${REMOTE_CACHE_MOCK_JAR:-}" ]; then
    [ -f "$REMOTE_CACHE_MOCK_JAR" ] || fail "REMOTE_CACHE_MOCK_JAR: no such file: $REMOTE_CACHE_MOCK_JAR"
    return 0
  fi
  if [ -z "${REMOTE_CACHE_MOCK_JAR_URL:-}" ] && [ -n "${REMOTE_CACHE_MOCK_VERSION:-}" ]; then
    REMOTE_CACHE_MOCK_JAR_URL="${REMOTE_CACHE_MAVEN_REPOSITORY%/}/dev/remotecache/remote-cache-mock/$REMOTE_CACHE_MOCK_VERSION/remote-cache-mock-$REMOTE_CACHE_MOCK_VERSION-standalone.jar"
  fi
  [ -n "${REMOTE_CACHE_MOCK_JAR_URL:-}" ] \
    || fail "say where the mock comes from: REMOTE_CACHE_MOCK_JAR (a jar), REMOTE_CACHE_MOCK_JAR_URL, REMOTE_CACHE_MOCK_VERSION or REMOTE_CACHE_MOCK_IMAGE"
  REMOTE_CACHE_MOCK_JAR="$REMOTE_CACHE_STATE/remote-cache-mock.jar"
  if [ ! -f "$REMOTE_CACHE_MOCK_JAR" ] || [ "$(cat "$REMOTE_CACHE_STATE/jar-source" 2>/dev/null)" != "$REMOTE_CACHE_MOCK_JAR_URL" ]; then
    download "$REMOTE_CACHE_MOCK_JAR_URL" "$REMOTE_CACHE_MOCK_JAR"
    echo "$REMOTE_CACHE_MOCK_JAR_URL" > "$REMOTE_CACHE_STATE/jar-source"
  fi
}

# Runs the mock's own command line (the server, or `check`) from the jar, or from the image when
# REMOTE_CACHE_MOCK_IMAGE is set (host network, the reports folder mounted at the same path).
mock_command() {
  if [ -n "${REMOTE_CACHE_MOCK_IMAGE:-}" ]; then
    "$REMOTE_CACHE_CONTAINER_ENGINE" run --rm --network host --user "$(id -u):$(id -g)" \
      -v "$REMOTE_CACHE_REPORTS:$REMOTE_CACHE_REPORTS" "$REMOTE_CACHE_MOCK_IMAGE" "$@"
  else
    "$REMOTE_CACHE_JAVA" -jar "$REMOTE_CACHE_MOCK_JAR" "$@"
  fi
}

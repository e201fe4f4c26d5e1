#!/usr/bin/env bash
# Large and invalid JSON bodies against the mock jar as a user runs it (launcher defaults, no options
# but --port 0 --quiet): for each batch, sent three times, the status, the answer's size and the time
# to answer; then the server's heap after a full collection (jcmd GC.heap_info) and its resident
# memory (VmRSS). Also the heap a parsed tree takes per body byte, by shape (MemoryBudget's figures).
#
#   bash bench/json-bodies.sh            # uses mock-server/target/remote-cache-mock.jar (~1 min)
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAR=mock-server/target/remote-cache-mock.jar
WORK=$(mktemp -d)
trap 'kill "$(cat "$WORK/pid" 2>/dev/null)" 2>/dev/null || true; rm -rf "$WORK"' EXIT

python3 - "$WORK" <<'PY'
import json, sys
work = sys.argv[1]
event = {"sessionId": "56699e9f-0892-44d5-b956-3f2ddfd4512e", "source": "local", "event": "HIT",
         "hash": "6304b9faf99a2e19", "duration": 178}
def batch(name, size, item):
    n = (size - 1) // (len(item) + 1)
    text = "[" + ",".join([item] * n)
    open(f"{work}/{name}", "w").write(text + " " * (size - len(text) - 1) + "]")
invalid = json.dumps(event)
valid = json.dumps(dict(event, source="LOCAL"))
batch("invalid-8MB.json", 8_000_000, invalid)
batch("invalid-at-json-limit.json", 8_150_000, invalid)      # the JSON limit: 8.1 MB at 384 MiB
batch("valid-8MB.json", 8_000_000, valid)
batch("empty-objects-8MB.json", 8_000_000, "{}")
batch("numbers-8MB.json", 8_000_000, "1")
batch("invalid-100MB.json", 100 * 1024 * 1024, invalid)      # the body limit
for shape, item in [("events", valid), ("empty-objects", "{}"), ("objects-of-arrays", '{"a":[]}'),
                    ("arrays", "[]"), ("strings", '"a"'), ("numbers", "1000"), ("decimals", "1.5")]:
    batch(f"tree-{shape}.json", 3_000_000, item)
PY

echo "## The parsed tree per body byte"
echo
echo "| body | bytes | tree bytes per body byte |"
echo "| --- | --- | --- |"
"$JAVA_HOME/bin/java" -Xmx2g -XX:+UseParallelGC -cp "$JAR" bench/JsonTreeBytes.java "$WORK"/tree-*.json 2>/dev/null

"$JAVA_HOME/bin/java" -jar "$JAR" --port 0 --quiet >"$WORK/out" 2>"$WORK/err" &
echo $! >"$WORK/pid"
for _ in $(seq 100); do [ -s "$WORK/out" ] && break; sleep 0.2; done
URL=$(head -1 "$WORK/out")
SERVER=$(pgrep -P "$(cat "$WORK/pid")")

echo
echo "## Batches against the jar (default heap), each sent three times"
echo
echo "| batch | status | answer bytes | seconds |"
echo "| --- | --- | --- | --- |"
for body in invalid-8MB invalid-at-json-limit valid-8MB empty-objects-8MB numbers-8MB invalid-100MB; do
  for _ in 1 2 3; do
    curl -s -o "$WORK/answer" -w "| $body | %{http_code} | %{size_download} | %{time_total} |\n" \
      -H 'Authorization: Bearer bench' -H 'Content-Type: application/json' \
      --data-binary @"$WORK/$body.json" "$URL/v8/artifacts/events"
  done
done
status=$(curl -s -o /dev/null -w '%{http_code}' -H 'Authorization: Bearer bench' "$URL/v8/artifacts/status")
echo
echo "Still serving: GET /v8/artifacts/status answered $status."
echo
"$JAVA_HOME/bin/jcmd" "$SERVER" GC.run >/dev/null
echo "Heap after a full collection (jcmd $SERVER GC.heap_info):"
echo
echo '```text'
"$JAVA_HOME/bin/jcmd" "$SERVER" GC.heap_info | sed -n '2,7p'
echo '```'
echo
echo "Resident memory of the server's JVM: $(grep VmRSS /proc/"$SERVER"/status | awk '{print $2, $3}'), peak $(grep VmHWM /proc/"$SERVER"/status | awk '{print $2, $3}')."

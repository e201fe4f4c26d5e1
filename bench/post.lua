-- wrk script: POST the same JSON body on every request, as a build tool does.
--
--   BENCH_BODY=/path/to/body.json wrk -s bench/post.lua --latency ... URL
--
-- The body is read from the file named by BENCH_BODY (run.sh writes one per scenario), so the
-- bytes curl checked before the run are exactly the bytes under load. The Authorization header is
-- sent to every server, because the mock and Prism both enforce the spec's bearer security.
-- At the end one machine-readable line is printed (run.sh parses it rather than wrk's text).

local path = os.getenv("BENCH_BODY")
if path == nil or path == "" then
  error("set BENCH_BODY to the file holding the request body")
end
local file = assert(io.open(path, "rb"))
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer bench-token"

function done(summary, latency, requests)
  local e = summary.errors
  -- latency values are in microseconds; duration too.
  io.write(string.format(
    "BENCH requests=%d duration_us=%d rps=%.1f p50_us=%d p99_us=%d max_us=%d status_errors=%d socket_errors=%d bytes=%d\n",
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(99), latency.max,
    e.status, e.connect + e.read + e.write + e.timeout, summary.bytes))
end

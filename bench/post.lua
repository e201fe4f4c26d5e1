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

-- The result line, shared with the other bench script.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "report.lua")

-- wrk script: turbo-like traffic on the whole artifacts API, in a fixed cycle of five requests, as
-- turbo sends them for two tasks (one a remote cache hit, one a miss):
--
--   1. GET  /v8/artifacts/benchhit<k>    the artifact of a hit (uploaded before the run): 200, 1 MB
--   2. POST /v8/artifacts/events         the HIT event: 200
--   3. GET  /v8/artifacts/benchmiss<k>   a hash nobody uploaded: 404
--   4. PUT  /v8/artifacts/benchput<k>    the missed task's artifact, 1 MB: 202
--   5. POST /v8/artifacts/events         the MISS event: 200
--
--   BENCH_ARTIFACT=/path/to/1mb.bin BENCH_HIT_EVENT=hit.json BENCH_MISS_EVENT=miss.json \
--     wrk -s bench/mix.lua --latency ... http://127.0.0.1:PORT/
--
-- Every request string is built once, up front (building a 1 MB request per call would make wrk,
-- not the server, the bottleneck). Uploads go to 16 hashes in turn, so a storing server holds at
-- most 16 MB of them however long the run. A server that answers as the spec says sends exactly one
-- 4xx in five (step 3); wrk counts it as a "status error", and run.sh checks that share.
-- Prints the same machine-readable line as post.lua (report.lua).

local function read(name)
  local path = os.getenv(name)
  if path == nil or path == "" then error("set " .. name) end
  local file = assert(io.open(path, "rb"))
  local data = file:read("*a")
  file:close()
  return data
end

local auth = "Bearer bench-token"
local cycle = {}
local position = 0

function init(args)
  local artifact = read("BENCH_ARTIFACT")
  local hit, miss = read("BENCH_HIT_EVENT"), read("BENCH_MISS_EVENT")
  local json = { ["Content-Type"] = "application/json", ["Authorization"] = auth }
  local plain = { ["Authorization"] = auth }
  local upload = { ["Content-Type"] = "application/octet-stream", ["Authorization"] = auth,
                   ["x-artifact-duration"] = "1234" }
  for k = 0, 15 do
    cycle[#cycle + 1] = wrk.format("GET", "/v8/artifacts/benchhit" .. (k % 8), plain)
    cycle[#cycle + 1] = wrk.format("POST", "/v8/artifacts/events", json, hit)
    cycle[#cycle + 1] = wrk.format("GET", "/v8/artifacts/benchmiss" .. k, plain)
    cycle[#cycle + 1] = wrk.format("PUT", "/v8/artifacts/benchput" .. k, upload, artifact)
    cycle[#cycle + 1] = wrk.format("POST", "/v8/artifacts/events", json, miss)
  end
end

function request()
  position = position % #cycle + 1
  return cycle[position]
end

-- The result line, shared with the other bench script.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "report.lua")

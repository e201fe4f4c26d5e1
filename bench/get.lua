-- wrk script: GET the URL wrk is given, with the bearer token the spec requires (bench/stubs.sh).
wrk.method = "GET"
wrk.headers["Authorization"] = "Bearer bench-token"
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "report.lua")

-- wrk script for bench/serve.py: POST one JSON body, closed loop, and print one machine-readable line at the end.
--   BENCH_BODY_FILE      the request body (JSON)
--   BENCH_AUTHORIZATION  the Authorization header value (optional)
-- Latencies are in microseconds; errors are wrk's socket errors plus responses with a status above 399.

local file = assert(io.open(os.getenv("BENCH_BODY_FILE"), "rb"))
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/json"
local authorization = os.getenv("BENCH_AUTHORIZATION")
if authorization ~= nil and authorization ~= "" then
  wrk.headers["Authorization"] = authorization
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d p50_us=%d p95_us=%d p99_us=%d errors=%d status_errors=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95), latency:percentile(99),
    e.connect + e.read + e.write + e.status + e.timeout, e.status
  ))
end

-- Paced load for latency at equal offered load: every connection waits 1 ms before each request,
-- so 64 connections offer at most 64,000 requests/s to whichever server is measured (cove or
-- nginx) — below both servers' capacity — and p99 then measures the server, not a saturated
-- machine. With COVE_BENCH_SCRIPT set (bench/runtime.lua), its signed requests are replayed.
local base = os.getenv("COVE_BENCH_SCRIPT")
if base and base ~= "" then dofile(base) end

function delay()
  return 1
end

-- Latency at equal offered load: bench/client.lua (the same requests, the same client cost) with
-- a fixed request rate per wrk thread, so every server of a row is offered the same load, below
-- what any of them can answer, and p99 measures the server rather than a saturated machine.
--
--   wrk -s bench/paced.lua URL -- KIND WORK_DIR REQUESTS_PER_SECOND_PER_THREAD
--
-- Each request takes the thread's next time slot (slots 1/rate apart); wrk's delay() waits in
-- whole milliseconds, so requests leave in small bursts at each millisecond but the rate holds.
-- Slots missed by up to kCatchUpMs (the client thread was descheduled, a timer fired late) are
-- still sent; a server that falls further behind is not offered the backlog (older slots are
-- dropped), so it shows as fewer req/s than offered, which bench/measure.py flags. Latency is
-- wrk's: from the moment a request is sent, not from its slot (no coordinated-omission
-- correction, as in wrk2).
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "client.lua")

local kCatchUpMs = 5
local client_init = init
local interval_ms, next_slot

function init(args)
  client_init(args)
  local rate = tonumber(args[3])
  if not rate or rate <= 0 then error("paced.lua needs a rate per thread (requests per second)") end
  interval_ms = 1000 / rate
  next_slot = client_now_ms()
end

function delay()
  local now = client_now_ms()
  next_slot = math.max(next_slot + interval_ms, now - kCatchUpMs)
  return math.max(0, math.floor(next_slot - now))
end

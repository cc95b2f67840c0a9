-- wrk script for the runtime benchmarks: each thread replays its own file of pre-signed SDK
-- requests (bench/runtime_setup.py sign), one request per line, never reusing a nonce.
-- Usage: wrk -s bench/runtime.lua URL -- <file prefix>   (thread N reads "<prefix>.N")
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
end

function init(args)
  requests = {}
  for line in io.lines(args[1] .. "." .. id) do
    local target, key, bundle, ts, nonce, sig =
      line:match("^([^\t]+)\t([^\t]+)\t([^\t]+)\t([^\t]+)\t([^\t]+)\t([^\t]+)$")
    requests[#requests + 1] = wrk.format("GET", target, {
      ["X-Cove-Sdk-Key"] = key, ["X-Cove-Bundle-Id"] = bundle, ["X-Cove-Timestamp"] = ts,
      ["X-Cove-Nonce"] = nonce, ["X-Cove-Signature"] = sig })
  end
  position = 0
end

function request()
  -- Past the end the requests repeat, and the server answers 401 runtime.replay: the benchmark
  -- script treats any non-2xx as a failed run, so a too-short file cannot go unnoticed.
  position = position % #requests + 1
  return requests[position]
end

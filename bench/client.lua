-- The one wrk client of bench/run.sh: every server of a row (Cove, nginx, the limit server) is
-- driven by this script with the same arguments, so each gets byte-for-byte the same kind of
-- requests at the same client cost. nginx and the limit server ignore the signature headers.
--
--   wrk -s bench/client.lua URL -- KIND WORK_DIR
--
-- KIND: healthz | console | resolve | gray | package | search. WORK_DIR holds client.tsv (written by
-- bench/runtime_setup.py: host apps with their SDK keys and secrets, the gray app, the package
-- hash, the console token) and sdk_sign.so (bench/sdk_sign.c).
--
-- SDK requests are signed here, one at a time as wrk asks for them, with a fresh nonce each,
-- as a host app signs them (HMAC-SHA256 through LuaJIT's FFI). init() only reads a ~100-line
-- file: wrk creates its threads one after the other, runs each one's init() before starting it
-- and starts its clock after the last, so a slow init() lets the first threads work outside the
-- measured window and inflates req/s. bench/measure.py checks for that against the server's
-- own request counter (bench/slow_init_check.sh shows it flagging a 2 s init()).
local ffi = require("ffi")

ffi.cdef [[
struct cove_sdk_key;
struct cove_sdk_key* cove_sdk_key(const char* secret, size_t length);
void cove_sdk_sign(const struct cove_sdk_key* key, const char* message, size_t length, char* out);
struct cove_timespec { long tv_sec; long tv_nsec; };
int clock_gettime(int clock, struct cove_timespec* ts);
]]

local timespec = ffi.new("struct cove_timespec")
-- Monotonic milliseconds (bench/paced.lua paces with it).
function client_now_ms()
  ffi.C.clock_gettime(1, timespec)  -- CLOCK_MONOTONIC
  return tonumber(timespec.tv_sec) * 1000 + tonumber(timespec.tv_nsec) / 1e6
end

local thread_count = 0
function setup(thread)
  thread:set("thread_index", thread_count)
  thread_count = thread_count + 1
end

local sign_lib, signature, nonce_prefix, sent
local kind, hosts, gray_app, package_sha, console_token, static_request, host_line
local request_for

local function read_client_file(path)
  hosts = {}
  for line in io.lines(path) do
    local fields = {}
    for f in line:gmatch("[^\t]+") do fields[#fields + 1] = f end
    if fields[1] == "host" then
      local apps = {}
      for a in fields[6]:gmatch("[^,]+") do apps[#apps + 1] = a end
      hosts[#hosts + 1] = { key = sign_lib.cove_sdk_key(fields[4], #fields[4]), apps = apps,
        headers = "\r\nX-Cove-Sdk-Key: " .. fields[3] .. "\r\nX-Cove-Bundle-Id: " .. fields[5] }
    elseif fields[1] == "gray" then
      gray_app = fields[2]
    elseif fields[1] == "package" then
      package_sha = fields[2]
    elseif fields[1] == "console" then
      console_token = fields[2]
    end
  end
end

-- GET target signed for a random host app, as the SDK sends it.
local function signed(target, host)
  sent = sent + 1
  local ts = tostring(os.time())
  local nonce = nonce_prefix .. sent
  local message = "GET\n" .. target .. "\n" .. ts .. "\n" .. nonce
  sign_lib.cove_sdk_sign(host.key, message, #message, signature)
  return "GET " .. target .. " HTTP/1.1\r\n" .. host_line .. host.headers .. "\r\nX-Cove-Timestamp: " .. ts ..
      "\r\nX-Cove-Nonce: " .. nonce .. "\r\nX-Cove-Signature: " .. ffi.string(signature, 64) .. "\r\n\r\n"
end

local function pick(list) return list[math.random(#list)] end

-- A user of the gray app: about 1 in 50 match a plan, the rest are evaluated against all five
-- (bench/runtime_setup.py's GRAY_RULES).
local platforms = { "ios", "android", "harmony" }
local models = { "iPhone15,2", "Pixel%207", "Mate%2060", "Pixel%208%20Pro" }
local function network()
  return math.random(49) == 1 and "5g" or (math.random(2) == 1 and "wifi" or "4g")
end

local builders = {
  resolve = function()
    local host = pick(hosts)
    return signed("/runtime/v1/apps/" .. pick(host.apps) .. "?uid=u" .. sent .. "&platform=ios", host)
  end,
  gray = function()
    return signed("/runtime/v1/apps/" .. gray_app .. "?uid=u" .. sent .. "&platform=" .. pick(platforms) ..
      "&osVersion=4." .. (sent % 10) .. "&deviceModel=" .. pick(models) .. "&network=" .. network() ..
      "&ctx.channel=stable", pick(hosts))
  end,
  package = function()
    return signed("/runtime/v1/packages/" .. package_sha, pick(hosts))
  end,
  -- bench/search.sh: what users type into a host app's search box (Hanzi, pinyin, initials,
  -- English, a typo), URL-encoded, for the first host app (associated with every mini-program).
  search = function()
    return signed("/runtime/v1/search?q=" .. pick(search_queries) .. "&limit=20", hosts[1])
  end,
}
search_queries = { "%E6%94%AF%E4%BB%98", "%E5%A4%A9%E6%B0%94", "%E9%92%B1%E5%8C%85", "%E6%89%93%E8%BD%A6",
  "%E5%BE%AE", "weixin", "zhifu", "wx", "tq", "weather", "wallet", "calculater", "music%20player",
  "%E7%94%B5%E5%AD%90%E9%92%B1%E5%8C%85", "ditu", "game" }

function init(args)
  kind = args[1]
  local work = args[2]
  host_line = "Host: " .. wrk.headers["Host"]
  if kind == "healthz" then
    static_request = "GET /healthz HTTP/1.1\r\n" .. host_line .. "\r\n\r\n"
  elseif kind == "console" then
    sign_lib = ffi.load(work .. "/sdk_sign.so")
    read_client_file(work .. "/client.tsv")
    static_request = "GET /api/v1/platform/orgs?limit=50 HTTP/1.1\r\n" .. host_line ..
        "\r\nAuthorization: Bearer " .. console_token .. "\r\n\r\n"
  elseif builders[kind] then
    sign_lib = ffi.load(work .. "/sdk_sign.so")
    signature = ffi.new("char[64]")
    read_client_file(work .. "/client.tsv")
    request_for = builders[kind]
  else
    error("unknown kind " .. tostring(kind) .. " (healthz | console | resolve | gray | package)")
  end
  -- Unique across threads, runs and servers: the server keeps nonces for 10 minutes.
  local random = io.open("/dev/urandom", "rb")
  nonce_prefix = random:read(8):gsub(".", function(c) return string.format("%02x", c:byte()) end) ..
      "." .. thread_index .. "."
  random:close()
  math.randomseed(os.time() + thread_index * 7919)
  sent = 0
end

function request()
  if static_request then return static_request end
  return request_for()
end

-- One machine-readable line for bench/measure.py: wrk's own figures, exactly.
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "wrk-result requests=%d duration_us=%d bytes=%d p50_us=%d p90_us=%d p99_us=%d p999_us=%d max_us=%d " ..
    "connect_errors=%d read_errors=%d write_errors=%d status_errors=%d timeouts=%d\n",
    summary.requests, summary.duration, summary.bytes, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency:percentile(99.9), latency.max, e.connect, e.read, e.write, e.status,
    e.timeout))
end

-- wrk client of bench/oauth.sh:  wrk -s bench/oauth.lua URL -- token|userinfo WORK_DIR
-- token: POST /oauth/token exchanging one pre-issued code per request (codes.txt, split between
-- threads by line number, so no code is sent twice); client_secret_basic.
-- userinfo: GET /oauth/userinfo with one access token (access.txt).
local thread_count = 0
function setup(thread)
  thread:set("thread_index", thread_count)
  thread_count = thread_count + 1
end

local mode, codes, next_code, basic, verifier, redirect, token
function init(args)
  mode = args[1]
  local work = args[2]
  local function read(name)
    local f = assert(io.open(work .. "/" .. name))
    local s = f:read("*a")
    f:close()
    return (s:gsub("%s+$", ""))
  end
  if mode == "token" then
    basic = read("basic.txt")
    verifier = read("verifier.txt")
    redirect = read("redirect.txt")
    codes, next_code = {}, 1
    local threads = tonumber(read("threads.txt"))
    local i = 0
    for line in io.lines(work .. "/codes.txt") do
      if i % threads == thread_index then codes[#codes + 1] = line end
      i = i + 1
    end
  else
    token = read("access.txt")
  end
end

function request()
  if mode == "token" then
    local code = codes[next_code] or "exhausted"
    next_code = next_code + 1
    local body = "grant_type=authorization_code&code=" .. code .. "&redirect_uri=" .. redirect ..
                 "&code_verifier=" .. verifier
    return wrk.format("POST", "/oauth/token", {["Authorization"] = "Basic " .. basic,
      ["Content-Type"] = "application/x-www-form-urlencoded"}, body)
  end
  return wrk.format("GET", "/oauth/userinfo", {["Authorization"] = "Bearer " .. token})
end

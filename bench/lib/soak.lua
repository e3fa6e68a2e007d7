-- wrk script of bench/soak: one class of client. GETs paths read from a file in random order, each request
-- from the next address of the class's pool (X-Forwarded-For, which the soak's service trusts from 127.0.0.1),
-- and counts the answers by status; prints them as one JSON line at the end.
--   wrk -t1 -c22 -d600s -s bench/lib/soak.lua http://127.0.0.1:PORT -- FILE FIRST_ADDRESS POOL DELAY_MS KEY ORIGIN DELIBERATE
-- FILE: a path a line, optionally followed by a tab and the ETag to send in If-None-Match.
-- FIRST_ADDRESS, POOL: the addresses FIRST_ADDRESS and the POOL - 1 after it, taken in turn.
-- DELAY_MS: each connection waits this long before each request (0: none).
-- KEY, ORIGIN: a partner key, sent in X-Api-Key on even requests and as the key query parameter on odd ones,
-- with Origin ("-": anonymous).
-- DELIBERATE: the start of the refusal this class is meant to provoke ("-": none); a 429 whose body holds it
-- is counted as "429 deliberate", any other 429 as "429".

local threads = {}

function setup(thread)
  threads[#threads + 1] = thread
  thread:set("number", #threads)
end

local lines = {}
local first, pool, delay_ms, key, origin, deliberate
local sent = 0
statuses = {}

local function address_number(text)
  local a, b, c, d = text:match("^(%d+)%.(%d+)%.(%d+)%.(%d+)$")
  return ((tonumber(a) * 256 + tonumber(b)) * 256 + tonumber(c)) * 256 + tonumber(d)
end

local function address_text(n)
  local floor = math.floor
  return string.format("%d.%d.%d.%d", floor(n / 16777216) % 256, floor(n / 65536) % 256, floor(n / 256) % 256,
    n % 256)
end

function init(args)
  local file = assert(io.open(args[1], "r"))
  for line in file:lines() do
    if line ~= "" then
      local path, etag = line:match("^([^\t]*)\t?(.*)$")
      lines[#lines + 1] = { path = path, etag = etag ~= "" and etag or nil }
    end
  end
  file:close()
  first, pool, delay_ms = address_number(args[2]), tonumber(args[3]), tonumber(args[4])
  key = args[5] ~= "-" and args[5] or nil
  origin = args[6] ~= "-" and args[6] or nil
  deliberate = args[7] ~= "-" and args[7] or nil
  -- Only a paced class has delay(): wrk looks for it after init, and without it sends each request at once.
  if delay_ms > 0 then
    delay = function()
      return delay_ms
    end
  end
  -- Threads of one class share its pool, each starting at its own place in it.
  sent = ((number or 1) - 1) * 7919
  math.randomseed(6 + 7919 * (number or 0))
end

function request()
  local line = lines[math.random(#lines)]
  local headers = { ["X-Forwarded-For"] = address_text(first + sent % pool) }
  local path = line.path
  if line.etag then
    headers["If-None-Match"] = line.etag
  end
  if key then
    headers["Origin"] = origin
    if sent % 2 == 0 then
      headers["X-Api-Key"] = key
    else
      path = path .. (path:find("?", 1, true) and "&" or "?") .. "key=" .. key
    end
  end
  sent = sent + 1
  return wrk.format("GET", path, headers)
end

function response(status, headers, body)
  local name = tostring(status)
  if status == 429 and deliberate and body and body:find(deliberate, 1, true) then
    name = "429 deliberate"
  end
  statuses[name] = (statuses[name] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for name, count in pairs(thread:get("statuses")) do
      total[name] = (total[name] or 0) + count
    end
  end
  local parts = {}
  for name, count in pairs(total) do
    parts[#parts + 1] = string.format('"%s": %d', name, count)
  end
  table.sort(parts)
  local errors = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "statuses": {%s}, "socket_errors": %d, "timeouts": %d, '
      .. '"p50_us": %d, "p99_us": %d, "max_us": %d}\n',
    summary.requests, summary.duration, table.concat(parts, ", "),
    errors.connect + errors.read + errors.write, errors.timeout,
    latency:percentile(50), latency:percentile(99), latency.max))
end

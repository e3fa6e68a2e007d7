-- wrk script: GETs paths read from a file (one a line, the first script argument) in random order, and prints
-- the run's figures as one JSON line at the end.
--   wrk -t2 -c32 -d10s --latency -s bench/lib/paths.lua http://127.0.0.1:PORT -- city.paths

local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("number", threads)
end

local paths = {}

function init(args)
  local file = assert(io.open(args[1], "r"))
  for line in file:lines() do
    if line ~= "" then
      paths[#paths + 1] = line
    end
  end
  file:close()
  math.randomseed(6 + 7919 * (number or 0))
end

function request()
  return wrk.format("GET", paths[math.random(#paths)])
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "status_errors": %d, "socket_errors": %d, "timeouts": %d, '
      .. '"p50_us": %d, "p90_us": %d, "p99_us": %d, "max_us": %d, "mean_us": %.1f}\n',
    summary.requests, summary.duration, errors.status, errors.connect + errors.read + errors.write,
    errors.timeout, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    latency.mean))
end

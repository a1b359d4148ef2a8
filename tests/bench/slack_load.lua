-- wrk script of tests/bench/run.sh: replays pre-signed Slack requests. wrk's Lua cannot compute
-- HMAC-SHA256, so http_bench.js writes one file per wrk thread (<prefix>.<thread>), one request a
-- line: "<timestamp>\t<v0=signature>\t<form body>". Each thread reads its file in order and starts
-- over at the end (counted: a wrapped run repeats bodies, which http_bench.js reports).
-- Usage: wrk ... -s slack_load.lua https://127.0.0.1:PORT/slack/commands -- <prefix>
-- With the prefix "static" it sends wrk's own GET of the URL instead (nginx's static file).

local threads = {}
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

local file
local target
wrapped = 0

function init(args)
  target = wrk.path
  if args[1] ~= "static" then file = assert(io.open(args[1] .. "." .. id, "r")) end
end

function request()
  if not file then return wrk.format("GET", target) end
  local line = file:read("*l")
  if not line then
    wrapped = wrapped + 1
    file:seek("set")
    line = file:read("*l")
  end
  local ts, signature, body = line:match("^([^\t]+)\t([^\t]+)\t(.*)$")
  return wrk.format("POST", target, {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["User-Agent"] = "Slackbot 1.0 (+https://api.slack.com/robots)",
    ["Accept"] = "application/json,*/*",
    ["X-Slack-Request-Timestamp"] = ts,
    ["X-Slack-Signature"] = signature,
  }, body)
end

-- One machine-readable line for http_bench.js; latencies in microseconds.
function done(summary, latency, requests)
  local wraps = 0
  for _, thread in ipairs(threads) do wraps = wraps + (thread:get("wrapped") or 0) end
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d non2xx=%d socket_errors=%d wrapped=%d " ..
    "p50=%d p99=%d p999=%d max=%d\n",
    summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout, wraps,
    latency:percentile(50), latency:percentile(99), latency:percentile(99.9), latency.max))
end

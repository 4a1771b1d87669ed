-- wrk script shared by every HTTP measurement of bench/run.
-- BENCH_METHOD (default GET) and BENCH_BODY_FILE (a request body, sent as JSON) come from the
-- environment; done() prints one JSON line the driver reads.
local method = os.getenv("BENCH_METHOD") or "GET"
local body_file = os.getenv("BENCH_BODY_FILE")
wrk.method = method
if body_file and body_file ~= "" then
  local f = assert(io.open(body_file, "rb"))
  wrk.body = f:read("*a")
  f:close()
  wrk.headers["Content-Type"] = "application/json"
end

-- BENCH_BODIES_FILE: one request body per line, sent in turn (each thread starts at its own
-- offset), so every request carries a token the server has not just seen.
local bodies_file = os.getenv("BENCH_BODIES_FILE")
if bodies_file and bodies_file ~= "" then
  local counter = 0
  function setup(thread)
    thread:set("offset", counter)
    counter = counter + 1
  end
  local bodies = {}
  for line in io.lines(bodies_file) do bodies[#bodies + 1] = line end
  local index = 0
  function init(args)
    index = math.floor((offset or 0) * #bodies / 2)
  end
  function request()
    index = index % #bodies + 1
    return wrk.format(method, nil, {["Content-Type"] = "application/json"}, bodies[index])
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"duration_us":%d,"rps":%.3f,"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},"latency_us":{"p50":%d,"p99":%d,"mean":%.1f}}\n',
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(99), latency.mean))
end

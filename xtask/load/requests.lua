-- wrk script for `cargo xtask load`: rotates through the request lines of
-- the file named by the first script argument (search query strings, or
-- match bodies when the second argument is "post PATH"), each thread from
-- its own starting line, and prints one parsable line at the end.

local lines = {}
local next_line = 1
local method = "GET"
local post_path = nil

function init(args)
  local file = args[1]
  if args[2] == "post" then
    method = "POST"
    post_path = args[3]
    wrk.headers["Content-Type"] = "application/json"
  end
  if file ~= nil and file ~= "" then
    for line in io.lines(file) do
      if line ~= "" then
        lines[#lines + 1] = line
      end
    end
  end
  if #lines > 0 then
    next_line = math.random(#lines)
  end
end

function request()
  if #lines == 0 then
    return wrk.format(nil, nil)
  end
  local line = lines[next_line]
  next_line = next_line % #lines + 1
  if method == "POST" then
    return wrk.format("POST", post_path, nil, line)
  end
  return wrk.format("GET", line)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("LOAD requests=%d duration_us=%d p50_us=%d p99_us=%d non2xx=%d socket_errors=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.status, e.connect + e.read + e.write + e.timeout))
end

-- wrk script of the callback benchmark (bench/README.md): sends pre-built signed safe-mode callbacks, each once.
--
--   wrk -t T -c C -d Ns -s bench/wrk/callbacks.lua URL -- <requests file> <once|wrap> <T>
--
-- The requests file holds three lines per callback: its path with the signed query, its event id (sent as
-- X-Request-Id, which every platform endpoint answers back), then its body; thread k of T
-- sends callbacks k, k+T, k+2T, ... in order, so every request is a distinct event (a distinct MsgId). "once": a
-- thread whose share runs out stops (and says so: the file was too short for the run); "wrap": it starts over
-- (warm-up and the bare endpoint, where repeats do not matter). With BENCH_WRK_RATE set (requests per second, all
-- threads together), each thread paces its requests to that rate instead of sending as fast as it can. With
-- BENCH_WRK_ANSWERS set (a directory), each thread writes the X-Request-Id of every 200 answer to
-- answered-<thread>.txt there: the events the benchmark then looks for on Kafka (wrk parses every answer's headers
-- for this, so it costs the generator a little more; the result line shows how much).
-- done() prints one line, "BENCH key=value ...", which the benchmark reads: the counts, latency percentiles, the
-- CPU time wrk's own threads spent sending (not loading the file), and how many callbacks each thread sent.
--
-- With BENCH_WRK_METHOD=GET the file holds one path per line instead, each sent as a GET with BENCH_WRK_AUTH as its
-- Authorization header (the token benchmark's lookups). POSTs take BENCH_WRK_CONTENT_TYPE (default text/xml) and,
-- when set, BENCH_WRK_AUTH too (the sends benchmark's JSON requests to messaging-service and the sandbox).

local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
typedef struct { long tv_sec; long tv_usec; } bench_timeval;
typedef struct { bench_timeval ru_utime; bench_timeval ru_stime; long ru_rest[14]; } bench_rusage;
int clock_gettime(int clk_id, bench_timespec *tp);
int getrusage(int who, bench_rusage *usage);
]]
local CLOCK_MONOTONIC = 1
local RUSAGE_THREAD = 1
local CPU_SAMPLE_EVERY = 64

local function now_ms()
  local t = ffi.new("bench_timespec")
  ffi.C.clock_gettime(CLOCK_MONOTONIC, t)
  return tonumber(t.tv_sec) * 1000 + tonumber(t.tv_nsec) / 1e6
end

local function thread_cpu_ms()
  local u = ffi.new("bench_rusage")
  ffi.C.getrusage(RUSAGE_THREAD, u)
  return (tonumber(u.ru_utime.tv_sec) + tonumber(u.ru_stime.tv_sec)) * 1000
      + (tonumber(u.ru_utime.tv_usec) + tonumber(u.ru_stime.tv_usec)) / 1000
end

-- Main state: the threads, for done().
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

-- Thread state. Globals, so that done() can read them with thread:get().
sent, exhausted, late, cpu_start, cpu_now = 0, 0, 0, 0, 0
local cpu_started = false
local requests, count, next_index, wrap, stop_request, thread_count

function init(args)
  local file, mode, nthreads = args[1], args[2], tonumber(args[3])
  wrap = mode == "wrap"
  thread_count = nthreads
  requests, count = {}, 0
  local gets = os.getenv("BENCH_WRK_METHOD") == "GET"
  local headers = gets and { ["Authorization"] = os.getenv("BENCH_WRK_AUTH") }
      or { ["Content-Type"] = os.getenv("BENCH_WRK_CONTENT_TYPE") or "text/xml; charset=utf-8",
           ["Authorization"] = os.getenv("BENCH_WRK_AUTH") }
  local f = assert(io.open(file, "r"))
  local i = 0
  while true do
    local path = f:read("*l")
    if not path then break end
    local request_id = not gets and f:read("*l")
    local body = not gets and f:read("*l")
    if i % nthreads == id - 1 then
      count = count + 1
      if gets then
        requests[count] = wrk.format("GET", path, headers)
      else
        headers["X-Request-Id"] = request_id
        requests[count] = wrk.format("POST", path, headers, body)
      end
    end
    i = i + 1
  end
  f:close()
  next_index = 1
  -- What a stopping thread sends last: refused by every endpoint, never an event.
  stop_request = wrk.format("GET", "/wx/exhausted/callback")
end

function request()
  -- init() runs on wrk's main thread; this thread's CPU is counted from its first request on.
  if not cpu_started then
    cpu_started = true
    cpu_start = thread_cpu_ms()
    cpu_now = cpu_start
  end
  if next_index > count then
    if wrap then
      next_index = 1
    else
      exhausted = 1
      wrk.thread:stop()
      return stop_request
    end
  end
  local r = requests[next_index]
  next_index = next_index + 1
  sent = sent + 1
  if sent % CPU_SAMPLE_EVERY == 0 then
    cpu_now = thread_cpu_ms()
  end
  return r
end

local rate = tonumber(os.getenv("BENCH_WRK_RATE") or "")
if rate and rate > 0 then
  local period, next_due
  -- Each thread keeps its own schedule: its share of the rate, whichever of its connections is free.
  function delay()
    local now = now_ms()
    period = period or 1000 * thread_count / rate
    next_due = next_due or now
    local due = next_due
    next_due = next_due + period
    local wait = due - now
    if wait < -1 then
      late = late + 1
    end
    return wait > 0 and wait or 0
  end
end

local answers_dir = os.getenv("BENCH_WRK_ANSWERS")
if answers_dir and answers_dir ~= "" then
  local out
  function response(status, headers, _)
    if status == 200 then
      out = out or assert(io.open(answers_dir .. "/answered-" .. id .. ".txt", "w"))
      out:write(headers["X-Request-Id"] or headers["x-request-id"] or "?", "\n")
    end
  end
end

function done(summary, latency, _)
  local cpu, shares, ran_out, late_total = 0, {}, 0, 0
  for _, t in ipairs(threads) do
    cpu = cpu + (t:get("cpu_now") - t:get("cpu_start"))
    ran_out = ran_out + t:get("exhausted")
    late_total = late_total + t:get("late")
    table.insert(shares, t:get("id") .. ":" .. t:get("sent"))
  end
  local e = summary.errors
  io.write(string.format("BENCH requests=%d duration_us=%d non2xx=%d socket_errors=%d p50_us=%d p99_us=%d " ..
      "p999_us=%d max_us=%d cpu_ms=%.1f exhausted=%d late=%d sent=%s\n",
      summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout,
      latency:percentile(50), latency:percentile(99), latency:percentile(99.9), latency.max, cpu, ran_out,
      late_total, table.concat(shares, ",")))
end
